package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// deadline bounds every wait for background work (segmentation, drafts).
const deadline = 60 * time.Second

// env is a running pressroom on the embedded defaults (SQLite, in-process
// Redis, pseudo translations) for UI tests.
type env struct {
	t   testing.TB
	app *app.App
	url string
}

func newEnv(t testing.TB) *env { return newEnvWith(t, app.Config{DataDir: t.TempDir()}) }

// newEnvWith starts the service on the given store and queue.
func newEnvWith(t testing.TB, cfg app.Config) *env {
	t.Helper()
	cfg.Addr, cfg.Backends, cfg.Workers, cfg.CheckInterval, cfg.Log = "127.0.0.1:0", "pseudo", 2, 20*time.Millisecond, quietLog()
	a, err := app.Start(context.Background(), cfg)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(a.Close)
	return &env{t: t, app: a, url: a.URL()}
}

// password is every test user's password.
func password(username string) string { return "password-" + username }

func (e *env) addUser(username, role string, langs ...string) store.User {
	e.t.Helper()
	hash, err := auth.HashPassword(password(username))
	if err != nil {
		e.t.Fatal(err)
	}
	u := store.User{ID: store.NewID("usr"), Username: username, Name: strings.ToUpper(username[:1]) + username[1:],
		PasswordHash: hash, Role: role, Langs: langs, Active: true}
	if err := e.app.Store.CreateUser(context.Background(), &u); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// ingest adds an article and waits until its editions are in review.
func (e *env) ingest(title, format, body string) (store.Article, map[string]store.Edition) {
	e.t.Helper()
	ctx := context.Background()
	a, err := e.app.Pipeline.Ingest(ctx, "test", pipeline.ArticleInput{Title: title, Format: format, Body: body})
	if err != nil {
		e.t.Fatalf("ingest: %v", err)
	}
	eds := map[string]store.Edition{}
	testenv.Eventually(e.t, deadline, func() (bool, string) {
		list, err := e.app.Store.ArticleEditions(ctx, a.ID)
		if err != nil {
			return false, err.Error()
		}
		for _, ed := range list {
			if ed.Status != store.EditionInReview {
				return false, fmt.Sprintf("edition %s is %s", ed.Lang, ed.Status)
			}
			eds[ed.Lang] = ed
		}
		return len(list) == 2, fmt.Sprintf("%d editions", len(list))
	})
	return a, eds
}

func (e *env) segments(editionID string) []store.Segment {
	e.t.Helper()
	ed, err := e.app.Store.GetEdition(context.Background(), editionID)
	if err != nil {
		e.t.Fatal(err)
	}
	segs, err := e.app.Store.EditionSegments(context.Background(), ed.ID, ed.Revision)
	if err != nil {
		e.t.Fatal(err)
	}
	return segs
}

func (e *env) segment(editionID, id string) store.Segment {
	e.t.Helper()
	s, err := e.app.Store.GetSegment(context.Background(), editionID, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// user is an HTTP client with its own cookie jar, logged in or not.
type user struct {
	t    testing.TB
	e    *env
	c    *http.Client
	csrf string // the session's token, from the page's meta tag
}

func (e *env) anonymous() *user {
	jar, _ := cookiejar.New(nil)
	return &user{t: e.t, e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var (
	hiddenCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	metaCSRF   = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)
)

// login logs in through the form, as a browser would.
func (e *env) login(username string) *user {
	e.t.Helper()
	u := e.anonymous()
	_, body := u.get("/login", nil)
	m := hiddenCSRF.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatalf("no csrf field on the login page:\n%s", body)
	}
	resp, _ := u.postForm("/login", url.Values{"csrf": {m[1]}, "username": {username}, "password": {password(username)}, "next": {"/"}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: %s", username, resp.Status)
	}
	_, home := u.get("/", nil)
	mm := metaCSRF.FindStringSubmatch(home)
	if mm == nil {
		e.t.Fatalf("no csrf meta after login:\n%s", home)
	}
	u.csrf = mm[1]
	return u
}

func (u *user) do(req *http.Request) (*http.Response, string) {
	u.t.Helper()
	resp, err := u.c.Do(req)
	if err != nil {
		u.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (u *user) get(path string, header http.Header) (*http.Response, string) {
	u.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u.e.url+path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	return u.do(req)
}

func (u *user) postForm(path string, form url.Values, header http.Header) (*http.Response, string) {
	u.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u.e.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	return u.do(req)
}

// postJSON calls an endpoint as the editor's script does.
func (u *user) postJSON(path, body string) (*http.Response, string) {
	u.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u.e.url+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", u.csrf)
	return u.do(req)
}
