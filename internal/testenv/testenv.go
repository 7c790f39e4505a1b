// Package testenv gives tests the real services they need: a Redis database
// and a PostgreSQL database of their own when the environment names them
// (PRESSROOM_TEST_REDIS_URL, PRESSROOM_TEST_DATABASE_URL), the seed articles,
// and polling with a deadline. Without a service a test is skipped, except
// in CI (CI=true), where a skipped integration test is a failure.
package testenv

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver, for creating test databases
	"github.com/redis/go-redis/v9"
)

// InCI reports whether tests run in CI, where skipping is failing.
func InCI() bool { return os.Getenv("CI") == "true" }

// Require skips the test because a service is missing, or fails it in CI.
func Require(t testing.TB, what, how string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is not available in CI: %s", what, how)
	}
	t.Skipf("%s not available (%s); skipping", what, how)
}

// RedisURL returns a redis:// URL of a Redis database that no other test is
// using, flushed; skips without PRESSROOM_TEST_REDIS_URL.
func RedisURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("PRESSROOM_TEST_REDIS_URL")
	if base == "" {
		Require(t, "Redis", "set PRESSROOM_TEST_REDIS_URL=redis://127.0.0.1:6379")
	}
	ctx := context.Background()
	opt, err := redis.ParseURL(base)
	if err != nil {
		t.Fatalf("PRESSROOM_TEST_REDIS_URL: %v", err)
	}
	c := redis.NewClient(opt)
	defer c.Close()
	// Databases 1–15 are handed out round-robin across test processes;
	// database 0 holds the counter.
	n, err := c.Incr(ctx, "pressroom:test:next-db").Result()
	if err != nil {
		t.Fatalf("redis at %s: %v", base, err)
	}
	db := int(n%15) + 1
	opt.DB = db
	c2 := redis.NewClient(opt)
	defer c2.Close()
	if err := c2.FlushDB(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(base)
	u.Path = fmt.Sprintf("/%d", db)
	return u.String()
}

// PostgresURL creates an empty database for the test on the server named by
// PRESSROOM_TEST_DATABASE_URL and drops it afterwards.
func PostgresURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("PRESSROOM_TEST_DATABASE_URL")
	if admin == "" {
		Require(t, "PostgreSQL", "set PRESSROOM_TEST_DATABASE_URL=postgres://user:pass@127.0.0.1/postgres")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("pressroom_test_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		_, _ = db.Exec("DROP DATABASE " + name + " WITH (FORCE)")
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Eventually polls cond until it returns true or the deadline passes; it
// fails the test with the last message cond gave.
func Eventually(t testing.TB, timeout time.Duration, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	wait := 10 * time.Millisecond
	for {
		ok, msg := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("condition not met after %v: %s", timeout, msg)
		}
		time.Sleep(wait) // polling interval, not a wait for work
		wait = min(wait*2, 200*time.Millisecond)
	}
}

// RepoRoot is the directory holding go.mod.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Article is a test article.
type Article struct {
	Name, Format string
	Body         []byte
}

// Seeds returns the real seed articles from ../shared/seeds when that
// directory exists (CI has it), else the fixtures of the same shapes in
// testdata/articles: one plain-text article with a date line and headings,
// one Markdown-ish article with single-newline paragraphs and links.
func Seeds(t testing.TB) []Article {
	t.Helper()
	dir := filepath.Join(RepoRoot(), "..", "shared", "seeds")
	var out []Article
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, Article{Name: e.Name(), Format: seedFormat(b), Body: b})
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, f := range []struct{ name, format string }{{"plain.txt", "text"}, {"links.md", "markdown"}} {
		b, err := os.ReadFile(filepath.Join(RepoRoot(), "testdata", "articles", f.name))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Article{Name: f.name, Format: f.format, Body: b})
	}
	return out
}

// seedFormat treats a seed with Markdown links as Markdown.
func seedFormat(b []byte) string {
	if strings.Contains(string(b), "](http") {
		return "markdown"
	}
	return "text"
}

// Golden compares got with the golden file at path (under the repository),
// line by line, after rewriting the file with got when update is set (a
// test's -update flag, for a change of behaviour that is meant).
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); diff != "" {
		t.Errorf("%s changed (-want +got):\n%s", filepath.Base(path), diff)
	}
}

// FixtureArticles names the repository's English article fixtures under
// testdata (never ../shared, so tests that read them answer alike on every
// machine): the inputs of the golden and oracle tests.
func FixtureArticles() []string {
	return []string{"articles/links.md", "articles/plain.txt", "repair/drafts_en.txt", "translate/article_en.txt", "translate/typography_en.txt"}
}

// FixtureLines returns every line of the fixture articles, as seeds for
// the tests that compare a function with its reference implementation.
func FixtureLines(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, f := range FixtureArticles() {
		b, err := os.ReadFile(filepath.Join(RepoRoot(), "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Split(string(b), "\n")...)
	}
	return out
}
