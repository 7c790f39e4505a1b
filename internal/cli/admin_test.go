package cli

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
)

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

func TestTokenListRevoke(t *testing.T) {
	dir := t.TempDir()
	create := func(args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, "", nil, append([]string{"token", "create", "--data", dir}, args...)...)
		if code != 0 {
			t.Fatalf("token create %v: exit %d %s", args, code, errOut)
		}
		return strings.TrimSpace(out)
	}
	list := func(args ...string) []tokenOut {
		t.Helper()
		code, out, errOut := runCLI(t, "", nil, append([]string{"token", "list", "--json", "--data", dir}, args...)...)
		if code != 0 {
			t.Fatalf("token list: exit %d %s", code, errOut)
		}
		var toks []tokenOut
		if err := json.Unmarshal([]byte(out), &toks); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return toks
	}
	if got := list(); len(got) != 0 {
		t.Fatalf("empty store lists %v", got)
	}
	ci := create("--role", "editor", "--name", "ci")
	create("--role", "translator", "--lang", "es", "--name", "bea")
	leaked := create("--role", "admin", "--name", "laptop")
	summary := func(toks []tokenOut) []string {
		var s []string
		for _, t := range toks {
			s = append(s, t.Name+" "+t.Role+" "+strings.Join(t.Langs, ",")+" "+map[bool]string{true: "revoked", false: "live"}[t.Revoked])
		}
		return s
	}
	toks := list()
	if d := cmp.Diff([]string{"ci editor  live", "bea translator es live", "laptop admin  live"}, summary(toks)); d != "" {
		t.Fatalf("token list (-want +got):\n%s", d)
	}
	// The table has a header and one line per token, ids first.
	code, table, _ := runCLI(t, "", nil, "token", "list", "--data", dir)
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], "ID") || !strings.HasPrefix(lines[1], toks[0].ID) || !strings.Contains(lines[2], " es ") {
		t.Errorf("table: exit %d\n%s", code, table)
	}

	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		stderr  string
		summary []string
	}{
		{"by id", []string{toks[1].ID}, 0, "revoked " + toks[1].ID, []string{"ci editor  live", "laptop admin  live"}},
		{"by secret", []string{leaked}, 0, "revoked " + toks[2].ID, []string{"ci editor  live"}},
		{"again", []string{toks[1].ID}, 0, "revoked", []string{"ci editor  live"}},
		{"unknown ones, after the known", []string{"tok_nonesuch", toks[0].ID, "prt_nonesuch"}, 2, "no such token: tok_nonesuch, prt_…", nil},
	} {
		code, out, errOut := runCLI(t, "", nil, append([]string{"token", "revoke", "--data", dir}, tc.args...)...)
		if code != tc.code || out != "" || !strings.Contains(errOut, tc.stderr) {
			t.Errorf("%s: exit %d stdout %q stderr %q", tc.name, code, out, errOut)
		}
		if d := cmp.Diff(tc.summary, summary(list())); d != "" {
			t.Errorf("%s: live tokens (-want +got):\n%s", tc.name, d)
		}
	}
	if got := summary(list("--all")); len(got) != 3 || got[1] != "bea translator es revoked" {
		t.Errorf("--all: %v", got)
	}
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for secret, works := range map[string]bool{ci: false, leaked: false} {
		if _, err := auth.Authenticate(context.Background(), st.Queries, secret); (err == nil) != works {
			t.Errorf("token %s… authenticates: %v", secret[:8], err)
		}
	}
}

func TestUserListPasswd(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"user", "add", "bea", "--role", "translator", "--lang", "es,pt-br", "--name", "Bea", "--ui-lang", "es"},
		{"user", "add", "ana", "--role", "admin"},
	} {
		if code, _, errOut := runCLI(t, "", nil, append(args, "--data", dir)...); code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, errOut)
		}
	}
	code, out, _ := runCLI(t, "", nil, "user", "list", "--json", "--data", dir)
	var users []userOut
	if err := json.Unmarshal([]byte(out), &users); err != nil || code != 0 {
		t.Fatalf("exit %d %v: %s", code, err, out)
	}
	var got []string
	for _, u := range users {
		got = append(got, strings.Join([]string{u.Username, u.Name, u.Role, strings.Join(u.Langs, ","), u.UILang}, " "))
	}
	if d := cmp.Diff([]string{"ana  admin  ", "bea Bea translator es,pt-BR es"}, got); d != "" {
		t.Errorf("user list (-want +got):\n%s", d)
	}
	code, table, _ := runCLI(t, "", nil, "user", "list", "--data", dir)
	if lines := strings.Split(strings.TrimSpace(table), "\n"); code != 0 || len(lines) != 3 || !strings.HasPrefix(lines[1], "ana ") || !strings.Contains(lines[2], "es,pt-BR") {
		t.Errorf("table: exit %d\n%s", code, table)
	}

	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	bea, err := st.UserByName(ctx, "bea")
	if err != nil {
		t.Fatal(err)
	}
	sess := store.Session{IDHash: "h1", UserID: bea.ID, CSRF: "c", ExpiresAt: time.Now().Add(time.Hour)}
	if err := st.CreateSession(ctx, &sess); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.SessionUser(ctx, "h1"); err != nil {
		t.Fatalf("session before the change: %v", err)
	}
	for _, tc := range []struct {
		name, stdin string
		args        []string
		code        int
		password    string // the password that works afterwards; "" = the one printed
	}{
		{"from stdin", "new-secret-1\n", []string{"--password-stdin"}, 0, "new-secret-1"},
		{"too short", "short\n", []string{"--password-stdin"}, 2, "new-secret-1"},
		{"generated", "", nil, 0, ""},
	} {
		code, out, errOut := runCLI(t, tc.stdin, nil, append([]string{"user", "passwd", "bea", "--data", dir}, tc.args...)...)
		if code != tc.code {
			t.Fatalf("%s: exit %d %s", tc.name, code, errOut)
		}
		want := tc.password
		if want == "" {
			want = strings.TrimSpace(out)
		} else if out != "" {
			t.Errorf("%s: stdout %q, want nothing", tc.name, out)
		}
		u, err := st.UserByName(ctx, "bea")
		if err != nil || !auth.CheckPassword(u.PasswordHash, want) {
			t.Errorf("%s: password %q does not work (%v)", tc.name, want, err)
		}
	}
	if _, _, err := st.SessionUser(ctx, "h1"); err == nil {
		t.Error("bea's session survived the password change")
	}
}

// TestUserAddNormalises: usernames are stored NFKC and case-folded, so
// "PACO" is the existing "paco"; mixed scripts, invisible characters and an
// all-Cyrillic name that looks like an existing one are usage errors.
func TestUserAddNormalises(t *testing.T) {
	dir := t.TempDir()
	add := func(name string) (int, string) {
		code, _, errOut := runCLI(t, "s3cret-pass\n", nil, "user", "add", name, "--data", dir, "--role", "editor", "--password-stdin")
		return code, errOut
	}
	if code, errOut := add("Paco"); code != 0 {
		t.Fatalf("add Paco: exit %d %s", code, errOut)
	}
	for _, name := range []string{"PACO", "ｐａｃｏ", "\u0440aco", "pa\u200bco", "pa\u202eco", "pa\x00co", strings.Repeat("a", 65),
		"\u0440\u0430\u0441\u043e"} { // the last: "расо", all Cyrillic, looks like "paco"

		if code, errOut := add(name); code != ExitUsage {
			t.Errorf("add %+q: exit %d %s, want %d", name, code, errOut, ExitUsage)
		}
	}
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	users, err := st.ListUsers(context.Background())
	if err != nil || len(users) != 1 || users[0].Username != "paco" {
		t.Errorf("users %+v, %v; want only paco", users, err)
	}
}

// TestUserAddLanguagesConfigured: a translator's languages are among the
// server's --targets (PRESSROOM_TARGETS).
func TestUserAddLanguagesConfigured(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "", nil, "user", "add", "bea", "--data", dir, "--role", "translator", "--lang", "fr"); code != ExitUsage || !strings.Contains(errOut, "es, pt-BR") {
		t.Errorf("--lang fr: exit %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", nil, "user", "add", "bea", "--data", dir, "--role", "translator", "--lang", "fr", "--targets", "es,fr"); code != 0 {
		t.Errorf("--lang fr --targets es,fr: exit %d %s", code, errOut)
	}
}
