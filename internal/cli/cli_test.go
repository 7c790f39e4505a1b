package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// run runs the command line with the given stdin and environment.
func runCLI(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

func TestHelpEverywhere(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"serve", "--help"}, {"worker", "--help"}, {"ingest", "--help"}, {"segment", "--help"},
		{"translate", "--help"}, {"token", "create", "--help"}, {"user", "add", "--help"}, {"migrate", "--help"}, {"version", "--help"},
	} {
		code, out, _ := runCLI(t, "", nil, args...)
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: exit %d, output %q", args, code, out)
		}
	}
}

var tokenRE = regexp.MustCompile(`^prt_[a-z2-7]{32}\n$`)

func TestTokenCreate(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "", nil, "token", "create", "--data", dir, "--role", "translator", "--lang", "es,pt-br")
	if code != 0 || !tokenRE.MatchString(out) {
		t.Fatalf("exit %d, stdout %q (want the token alone), stderr %q", code, out, errOut)
	}
	// The environment variable mirrors the flag.
	code, out2, _ := runCLI(t, "", map[string]string{"PRESSROOM_DATA": dir, "PRESSROOM_ROLE": "editor"}, "token", "create")
	if code != 0 || !tokenRE.MatchString(out2) {
		t.Fatalf("with PRESSROOM_DATA: exit %d, %q", code, out2)
	}
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	who, err := auth.Authenticate(context.Background(), st.Queries, strings.TrimSpace(out))
	if err != nil || who.Role != auth.Translator || strings.Join(who.Langs, ",") != "es,pt-BR" {
		t.Errorf("stored token: %+v %v", who, err)
	}
	if who, err := auth.Authenticate(context.Background(), st.Queries, strings.TrimSpace(out2)); err != nil || who.Role != auth.Editor {
		t.Errorf("token from env flags: %+v %v", who, err)
	}
	for _, args := range [][]string{
		{"token", "create", "--data", dir, "--role", "boss"},
		{"token", "create", "--data", dir, "--role", "translator"},
		{"token", "create", "--data", dir},
	} {
		if code, out, _ := runCLI(t, "", nil, args...); code != ExitUsage || out != "" {
			t.Errorf("%v: exit %d stdout %q, want exit 2 and nothing on stdout", args, code, out)
		}
	}
}

func TestUserAdd(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "s3cret-pass\n", nil, "user", "add", "ana", "--data", dir, "--role", "admin", "--password-stdin")
	if code != 0 || out != "" {
		t.Fatalf("exit %d stdout %q stderr %q", code, out, errOut)
	}
	if code, _, _ := runCLI(t, "s3cret-pass\n", nil, "user", "add", "ana", "--data", dir, "--role", "admin", "--password-stdin"); code != ExitUsage {
		t.Errorf("duplicate user: exit %d", code)
	}
	code, out, _ = runCLI(t, "", nil, "user", "add", "bea", "--data", dir, "--role", "translator", "--lang", "pt")
	if code != 0 || len(strings.TrimSpace(out)) < 16 {
		t.Errorf("generated password: exit %d %q", code, out)
	}
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.UserByName(context.Background(), "ana")
	if err != nil || !auth.CheckPassword(u.PasswordHash, "s3cret-pass") {
		t.Errorf("user ana: %+v %v", u, err)
	}
}

func TestSegment(t *testing.T) {
	in := "Dr. Chen met Mr. Smith in the U.S. on Monday. They talked.\n\nA [link](https://example.org/) here."
	code, out, errOut := runCLI(t, in, nil, "segment", "--lang", "en", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "Dr. Chen met Mr. Smith in the U.S. on Monday.\nThey talked.\nA link here.\n"
	if out != want {
		t.Errorf("segments:\n%s\nwant:\n%s", out, want)
	}
	code, out, _ = runCLI(t, in, nil, "segment", "--json", "--format", "markdown")
	var segs []struct {
		Block int
		Kind  string
		Text  string
	}
	if err := json.Unmarshal([]byte(out), &segs); err != nil || code != 0 || len(segs) != 3 || segs[2].Block != 1 || segs[2].Kind != "paragraph" {
		t.Errorf("--json: exit %d %s (%v)", code, out, err)
	}
	for _, tc := range []struct {
		in   string
		args []string
	}{
		{"caf\xe9", []string{"segment"}},
		{"", []string{"segment"}},
		{"x", []string{"segment", "--format", "docx"}},
		{"x", []string{"segment", "--bogus"}},
	} {
		if code, _, _ := runCLI(t, tc.in, nil, tc.args...); code != ExitUsage {
			t.Errorf("%v with %q: exit %d, want 2", tc.args, tc.in, code)
		}
	}
}

func TestTranslatePseudo(t *testing.T) {
	code, out, errOut := runCLI(t, "Hello *world*.\n\nSecond paragraph.", nil, "translate", "--from", "en", "--to", "es", "--backend", "pseudo", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "[es] Ĥéļļö ŵöŕļď.\n\n[es] Šéçöñď") {
		t.Errorf("output %q", out)
	}
	if !strings.Contains(errOut, "pseudo") {
		t.Errorf("stderr does not say which backend answered: %q", errOut)
	}
	if code, _, _ := runCLI(t, "x", nil, "translate", "--backend", "nonesuch"); code != ExitUsage {
		t.Errorf("unknown backend: exit %d, want 2", code)
	}
}

func TestWorkerNeedsRedis(t *testing.T) {
	if code, _, errOut := runCLI(t, "", nil, "worker", "--data", t.TempDir()); code != ExitUsage || !strings.Contains(errOut, "--redis-url") {
		t.Errorf("worker without --redis-url: exit %d %q", code, errOut)
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
