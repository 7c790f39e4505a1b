package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/derrors"
)

// runCLI runs the command line with the given stdin and environment.
func runCLI(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

// commandPaths lists every command of the tree as its argument list, e.g.
// ["token", "list"].
func commandPaths(c *cobra.Command, prefix []string) [][]string {
	var out [][]string
	for _, sub := range c.Commands() {
		if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
			continue
		}
		p := append(append([]string{}, prefix...), sub.Name())
		out = append(out, p)
		out = append(out, commandPaths(sub, p)...)
	}
	return out
}

func TestHelpEverywhere(t *testing.T) {
	paths := append([][]string{{}}, commandPaths(Root(Env{}), nil)...)
	if len(paths) < 15 {
		t.Fatalf("only %d commands found: %v", len(paths), paths)
	}
	for _, p := range paths {
		code, out, errOut := runCLI(t, "", nil, append(p, "--help")...)
		if code != 0 || !strings.Contains(out, "Usage:") || errOut != "" {
			t.Errorf("%v --help: exit %d, stdout %q, stderr %q", p, code, out, errOut)
		}
	}
}

// TestHelpIsTruthful pins the help texts that once promised what the
// command did not do.
func TestHelpIsTruthful(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		has, hasNot []string
	}{
		{[]string{"worker", "--help"}, []string{"--redis-url", "required", "--metrics-addr", "--metrics-token", "/readyz"}, []string{"in-process Redis,", "default: an in-process", "--targets"}},
		{[]string{"serve", "--help"}, []string{"default: an in-process Redis", "--targets", "--metrics-addr", "PRESSROOM_METRICS_TOKEN"}, nil},
		{[]string{"translate", "--help"}, []string{"[FILE...]", "auto", "markdown", "--targets"}, []string{"from stdin only"}},
		{[]string{"segment", "--help"}, []string{"[FILE...]", "auto"}, nil},
		{[]string{"ingest", "--help"}, []string{"FILE...", "Exit status 2"}, nil},
		{[]string{"status", "--help"}, []string{"ARTICLE_ID", "--wait"}, nil},
		{[]string{"--help"}, []string{"Exit status: 0 on success, 2 for a usage or input error, 1"}, nil},
	} {
		_, out, _ := runCLI(t, "", nil, tc.args...)
		for _, s := range tc.has {
			if !strings.Contains(out, s) {
				t.Errorf("%v: help lacks %q:\n%s", tc.args, s, out)
			}
		}
		for _, s := range tc.hasNot {
			if strings.Contains(out, s) {
				t.Errorf("%v: help says %q:\n%s", tc.args, s, out)
			}
		}
	}
}

// TestExitCodes: 2 for every usage or input error, 1 for failures, 0 for
// help and success.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "a.md")
	if err := os.WriteFile(md, []byte("# Title\n\nSome *text*."), 0o644); err != nil {
		t.Fatal(err)
	}
	deadConfig := filepath.Join(dir, "dead.toml")
	if err := os.WriteFile(deadConfig, []byte("[backends.libretranslate]\nbase_url = \"http://127.0.0.1:1\"\ntimeout = \"2s\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		stdin  string
		env    map[string]string
		code   int
		stderr string // a part of stderr, if set
	}{
		{"no command prints help", nil, "", nil, 0, ""},
		{"version", []string{"version"}, "", nil, 0, ""},
		{"--version", []string{"--version"}, "", nil, 0, ""},
		{"group alone prints help", []string{"token"}, "", nil, 0, ""},
		{"unknown command", []string{"bogus"}, "", nil, 2, `unknown command "bogus"`},
		{"unknown command suggests", []string{"segmnet"}, "", nil, 2, "did you mean segment?"},
		{"unknown subcommand", []string{"token", "bogus"}, "", nil, 2, `unknown command "bogus" for "pressroom token"`},
		{"unknown flag", []string{"segment", "--bogus"}, "x", nil, 2, "unknown flag"},
		{"flag without value", []string{"segment", "--lang"}, "x", nil, 2, "needs an argument"},
		{"bad flag value", []string{"serve", "--workers", "many"}, "", nil, 2, "invalid argument"},
		{"bad env value", []string{"worker", "--redis-url", "redis://127.0.0.1:1"}, "", map[string]string{"PRESSROOM_WORKERS": "many"}, 2, "PRESSROOM_WORKERS"},
		{"extra argument", []string{"version", "extra"}, "", nil, 2, "unknown command"},
		{"ingest without files", []string{"ingest"}, "", nil, 2, "requires at least 1 arg"},
		{"ingest without token", []string{"ingest", md}, "", nil, 2, "--token"},
		{"status without id", []string{"status"}, "", nil, 2, "accepts 1 arg"},
		{"status without token", []string{"status", "art_1"}, "", nil, 2, "--token"},
		{"status of an unreachable server", []string{"status", "--server", "http://127.0.0.1:1", "--token", "prt_x", "art_1"}, "", nil, 1, "connect"},
		{"worker without redis", []string{"worker", "--data", dir}, "", nil, 2, "--redis-url"},
		{"serve with negative workers", []string{"serve", "--workers=-1", "--data", dir}, "", nil, 2, "--workers"},
		{"token create without role", []string{"token", "create", "--data", dir}, "", nil, 2, "--role"},
		{"token revoke without id", []string{"token", "revoke", "--data", dir}, "", nil, 2, "requires at least 1 arg"},
		{"user passwd of nobody", []string{"user", "passwd", "nobody", "--data", dir}, "", nil, 2, `no user "nobody"`},
		{"segment of a missing file", []string{"segment", filepath.Join(dir, "missing.md")}, "", nil, 2, "missing.md"},
		{"segment of a directory", []string{"segment", dir}, "", nil, 2, "is a directory"},
		{"segment of Latin-1", []string{"segment"}, "caf\xe9", nil, 2, "UTF-8"},
		{"segment of nothing", []string{"segment"}, "", nil, 2, "no text"},
		{"segment in an unknown format", []string{"segment", "--format", "docx"}, "x", nil, 2, "--format"},
		{"translate to an unconfigured language", []string{"translate", "--to", "fr", "--backend", "pseudo"}, "x", nil, 2, "en→fr is not a configured language pair; configured: en→es, en→pt-BR"},
		{"translate to a configured language", []string{"translate", "--to", "fr", "--targets", "fr", "--backend", "pseudo"}, "x", nil, 0, "pseudo"},
		{"translate to a base language", []string{"translate", "--to", "pt", "--backend", "pseudo"}, "x", nil, 2, "en→pt is not a configured"},
		{"translate to a bad tag", []string{"translate", "--to", "not a tag", "--backend", "pseudo"}, "x", nil, 2, "not a language tag"},
		{"translate with an unknown backend", []string{"translate", "--backend", "nonesuch"}, "x", nil, 2, "nonesuch"},
		{"translate with a missing config", []string{"translate", "--config", filepath.Join(dir, "none.toml")}, "x", nil, 2, "none.toml"},
		{"translate with a dead backend", []string{"translate", "--backend", "libretranslate", "--config", deadConfig}, "Hello.", nil, 1, "1 of 1 segments were not translated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.stdin, tc.env, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("%v: exit %d, stderr %q; want exit %d, stderr containing %q", tc.args, code, errOut, tc.code, tc.stderr)
			}
		})
	}
}

func TestIsUsage(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{usagef("bad"), true},
		{fmt.Errorf("wrapped: %w", usagef("bad")), true},
		{errors.New(`required flag(s) "role" not set`), true},
		{fmt.Errorf("user: %w", derrors.Conflict), true},
		{derrors.New(derrors.NotFound, "edition_not_found", "no edition"), true},
		{fmt.Errorf("queue: %w", derrors.Unavailable), false},
		{errors.New("disk full"), false},
	} {
		if got := isUsage(tc.err); got != tc.want {
			t.Errorf("isUsage(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// TestWebhookListenRefusesBadInput: no secret, or one that is not a
// whsec_ secret, is a usage error (exit 2) before anything listens.
func TestWebhookListenRefusesBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"webhook", "listen"},
		{"webhook", "listen", "--secret", "hunter2"},
		{"webhook", "listen", "--secret", "whsec_"},
		{"webhook", "listen", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--addr", "not an address"},
	} {
		if code, _, stderr := runCLI(t, "", nil, args...); code != ExitUsage {
			t.Errorf("%v: exit %d (%s), want %d", args, code, stderr, ExitUsage)
		}
	}
}
