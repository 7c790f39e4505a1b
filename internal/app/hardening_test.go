package app_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// onBothDatabases runs fn against an app on SQLite and one on PostgreSQL.
func onBothDatabases(t *testing.T, fn func(t *testing.T, a *app.App)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, start(t, app.Config{DataDir: t.TempDir(), Workers: 1}))
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, start(t, app.Config{DataDir: t.TempDir(), DatabaseURL: testenv.PostgresURL(t), Workers: 1}))
	})
}

// badChars are characters no text field takes.
var badChars = map[string]string{
	"NUL": "\x00", "BEL": "\x07", "ESC": "\x1b", "DEL": "\x7f", "NEL (C1)": "\u0085", "CSI (C1)": "\u009b", "U+FFFF": "\uffff", "U+FDD0": "\ufdd0",
}

// textCodes are the codes a refused text may carry.
var textCodes = []string{"control_character", "invalid_text"}

// TestControlCharactersRefused sends every kind of refused character in
// every text field of the API and in path and query values: each is a 400
// with a stable code on both databases, and nothing is stored.
func TestControlCharactersRefused(t *testing.T) {
	onBothDatabases(t, func(t *testing.T, a *app.App) {
		editor := newClient(t, a, auth.Editor)
		admin := newClient(t, a, auth.Admin)
		art := ingestOne(t, editor, "# Port strike\n\nDockers walked out on Monday.\n", "es")
		ed := art.Editions[0].ID
		seg := editor.segments(ed)[0]
		segPath := "/api/v1/editions/" + ed + "/segments/" + seg.ID
		for _, f := range []struct {
			name, method, path string
			c                  *client
			body               func(bad string) any
		}{
			{"article title", "POST", "/api/v1/articles", editor, func(b string) any { return map[string]any{"body": "Hello.", "allow_duplicate": true, "title": "A" + b} }},
			{"article body", "POST", "/api/v1/articles", editor, func(b string) any { return map[string]any{"body": "Hello" + b + " there.", "allow_duplicate": true} }},
			{"article slug", "POST", "/api/v1/articles", editor, func(b string) any { return map[string]any{"body": "Hello.", "allow_duplicate": true, "slug": "a" + b} }},
			{"article target", "POST", "/api/v1/articles", editor, func(b string) any {
				return map[string]any{"body": "Hello.", "allow_duplicate": true, "targets": []string{"es" + b}}
			}},
			{"article canonical URL", "POST", "/api/v1/articles", editor, func(b string) any {
				return map[string]any{"body": "Hello.", "allow_duplicate": true, "canonical_url": "https://example.com/" + b}
			}},
			{"correction title", "PUT", "/api/v1/articles/" + art.ID, editor, func(b string) any { return map[string]any{"body": "Hello.", "allow_duplicate": true, "title": "B" + b} }},
			{"segment target", "PUT", segPath, editor, func(b string) any { return map[string]any{"target": "Hola" + b, "version": seg.Version} }},
			{"approval target", "POST", segPath + "/approve", editor, func(b string) any {
				return map[string]any{"target": "Hola" + b, "version": seg.Version}
			}},
			{"override reason", "POST", segPath + "/approve", editor, func(b string) any {
				return map[string]any{"override_reason": "ok" + b, "version": seg.Version}
			}},
			{"check target", "POST", segPath + "/check", editor, func(b string) any { return map[string]any{"target": "Hola" + b} }},
			{"webhook description", "POST", "/api/v1/webhooks", editor, func(b string) any {
				return map[string]any{"url": "http://127.0.0.1:9/hook", "events": []string{"*"}, "description": "d" + b}
			}},
			{"webhook URL", "POST", "/api/v1/webhooks", editor, func(b string) any {
				return map[string]any{"url": "http://127.0.0.1:9/ho" + b + "ok", "events": []string{"*"}}
			}},
			{"glossary source", "POST", "/api/v1/glossary?from=en&to=es", editor, func(b string) any {
				return map[string]any{"source": "strike" + b, "target": "huelga", "kind": "preferred"}
			}},
			{"glossary note", "POST", "/api/v1/glossary?from=en&to=es", editor, func(b string) any {
				return map[string]any{"source": "strike", "target": "huelga", "kind": "preferred", "note": "n" + b}
			}},
			{"memory import (TMX)", "POST", "/api/v1/tm/import?from=en&to=es", admin, func(b string) any {
				return []byte(`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>` +
					`<tu><tuv xml:lang="en"><seg>Strike` + xmlSafe(b) + `</seg></tuv><tuv xml:lang="es"><seg>Huelga</seg></tuv></tu></body></tmx>`)
			}},
			{"path id", "GET", "/api/v1/articles/art_", editor, nil},
			{"path edition id", "GET", "/api/v1/editions/ed_", editor, nil},
			{"path segment id", "PUT", "/api/v1/editions/" + ed + "/segments/seg_", editor, func(string) any { return map[string]any{"target": "x", "version": 1} }},
			{"site slug", "GET", "/es/port-strike", nil, nil},
			{"query language", "GET", "/api/v1/glossary?from=en&to=es", editor, nil},
		} {
			for name, ch := range badChars {
				t.Run(f.name+"/"+name, func(t *testing.T) {
					path := f.path
					switch {
					case strings.HasPrefix(f.name, "path"), f.name == "site slug":
						path += url.PathEscape("x" + ch)
					case f.name == "query language":
						path += url.QueryEscape(ch)
					}
					var body any
					if f.body != nil {
						body = f.body(ch)
					}
					c := f.c
					if c == nil {
						c = &client{t: t, base: a.URL()}
					}
					c.t = t
					code, raw := c.do(f.method, path, body, nil)
					if code != 400 {
						t.Fatalf("status %d, want 400: %s", code, raw)
					}
					e := errorCode(t, raw)
					if !slices.Contains(textCodes, e.Error.Code) && !(f.name == "memory import (TMX)" && e.Error.Code == "invalid_tmx") {
						t.Errorf("code %q, want one of %v (%s)", e.Error.Code, textCodes, e.Error.Message)
					}
				})
			}
		}
		editor.t, admin.t = t, t
		var arts []article
		editor.do("GET", "/api/v1/articles", nil, &arts)
		if len(arts) != 1 {
			t.Errorf("%d articles, want the one ingested", len(arts))
		}
		if got := editor.segments(ed)[0]; got.Version != seg.Version || got.Target != seg.Target {
			t.Errorf("segment changed: %+v, was %+v", got, seg)
		}
		for _, list := range []string{"/api/v1/webhooks", "/api/v1/glossary?from=en&to=es"} {
			var items []map[string]any
			if code, raw := admin.do("GET", list, nil, &items); code != 200 || len(items) != 0 {
				t.Errorf("GET %s: %d, %d items: %s", list, code, len(items), raw)
			}
		}
		var mem struct{ Entries []map[string]any }
		if code, raw := admin.do("GET", "/api/v1/tm/entries?from=en&to=es", nil, &mem); code != 200 || len(mem.Entries) != 0 {
			t.Errorf("memory: %d, %d entries: %s", code, len(mem.Entries), raw)
		}
	})
}

// xmlSafe writes the characters XML cannot hold as character references
// (which the TMX reader refuses by itself) and the rest as they are.
func xmlSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 {
			fmt.Fprintf(&b, "&#x%x;", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestRangesAndLanguages: versions beyond the database's integers, slugs
// and titles over their limits, and target languages this installation
// does not translate into are 4xx with stable codes on both databases, and
// change nothing.
func TestRangesAndLanguages(t *testing.T) {
	onBothDatabases(t, func(t *testing.T, a *app.App) {
		editor := newClient(t, a, auth.Editor)
		art := ingestOne(t, editor, "# Port strike\n\nDockers walked out on Monday.\n", "es")
		ed := art.Editions[0].ID
		seg := editor.segments(ed)[0]
		segPath := "/api/v1/editions/" + ed + "/segments/" + seg.ID
		for _, tc := range []struct {
			name, method, path string
			body               any
			status             int
			code               string
		}{
			{"version 2^31", "PUT", segPath, map[string]any{"target": "Hola", "version": int64(1) << 31}, 400, "invalid_version"},
			{"version 2^40", "PUT", segPath, map[string]any{"target": "Hola", "version": int64(1) << 40}, 400, "invalid_version"},
			{"version 2^63-1", "PUT", segPath, []byte(`{"target":"Hola","version":9223372036854775807}`), 400, "invalid_version"},
			{"negative version", "PUT", segPath, map[string]any{"target": "Hola", "version": -1}, 400, "invalid_version"},
			{"version over int64", "PUT", segPath, []byte(`{"target":"Hola","version":99999999999999999999}`), 400, "invalid_json"},
			{"approval version 2^31", "POST", segPath + "/approve", map[string]any{"version": int64(1) << 31}, 400, "invalid_version"},
			{"slug of 121 characters", "POST", "/api/v1/articles", map[string]any{"body": "Hello.", "allow_duplicate": true, "slug": strings.Repeat("a", 121)}, 422, "invalid_slug"},
			{"slug of 3,000 characters", "POST", "/api/v1/articles", map[string]any{"body": "Hello.", "allow_duplicate": true, "slug": strings.Repeat("ab-", 1000) + "c"}, 422, "invalid_slug"},
			{"title of 3,000 characters", "POST", "/api/v1/articles", map[string]any{"body": "Hello.", "allow_duplicate": true, "title": strings.Repeat("word ", 600)}, 422, "title_too_long"},
			{"target pt-PT", "POST", "/api/v1/articles", map[string]any{"body": "Hello.", "allow_duplicate": true, "targets": []string{"pt-PT"}}, 422, "unsupported_language"},
			{"target qaa", "POST", "/api/v1/articles", map[string]any{"body": "Hello.", "allow_duplicate": true, "targets": []string{"es", "qaa"}}, 422, "unsupported_language"},
			{"target x-klingon", "POST", "/api/v1/articles", map[string]any{"body": "Hello.", "allow_duplicate": true, "targets": []string{"x-klingon"}}, 422, "unsupported_language"},
			{"correction to fr", "PUT", "/api/v1/articles/" + art.ID, map[string]any{"body": "Hello.", "allow_duplicate": true, "targets": []string{"fr"}}, 422, "unsupported_language"},
			{"feed into fr", "POST", "/api/v1/sources", map[string]any{"url": "http://127.0.0.1:9/feed.xml", "targets": []string{"es", "fr"}}, 422, "unsupported_language"},
			{"webhook for fr", "POST", "/api/v1/webhooks", map[string]any{"url": "http://127.0.0.1:9/hook", "events": []string{"*"}, "languages": []string{"fr"}}, 422, "unsupported_language"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				editor.t = t
				code, raw := editor.do(tc.method, tc.path, tc.body, nil)
				if code != tc.status {
					t.Fatalf("status %d, want %d: %s", code, tc.status, raw)
				}
				if e := errorCode(t, raw); e.Error.Code != tc.code {
					t.Errorf("code %q, want %q (%s)", e.Error.Code, tc.code, e.Error.Message)
				}
			})
		}
		editor.t = t
		var arts []article
		editor.do("GET", "/api/v1/articles", nil, &arts)
		if len(arts) != 1 || len(arts[0].Editions) != 1 {
			t.Errorf("articles changed: %+v", arts)
		}
		if got := editor.segments(ed)[0]; got.Version != seg.Version || got.Target != seg.Target {
			t.Errorf("segment changed: %+v, was %+v", got, seg)
		}
		// Configured languages still work, in any spelling.
		if code, raw := editor.do("POST", "/api/v1/articles", map[string]any{"body": "Bye.", "targets": []string{"PT-br", "es"}}, nil); code != 202 {
			t.Errorf("targets PT-br, es: %d %s", code, raw)
		}
		if code, raw := editor.do("POST", "/api/v1/webhooks", map[string]any{"url": "http://127.0.0.1:9/hook", "events": []string{"*"}, "languages": []string{"es", "en"}}, nil); code != 201 {
			t.Errorf("webhook for es, en: %d %s", code, raw)
		}
	})
}
