package app_test

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/omegat/omegattest"
	"github.com/pressroom-dev/pressroom/internal/schematest"
)

// send makes a request with a raw body of a content type and returns the
// response's status, headers and body.
func (c *client) send(method, path, contentType string, body []byte) (int, http.Header, []byte) {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		r = strings.NewReader(string(body))
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, raw
}

type importSummary struct {
	Format string `json:"format"`
	Counts struct {
		Updated, Approved, Unchanged, Conflicts, Refused int
	} `json:"counts"`
	Conflicts []struct {
		ID     string `json:"id"`
		Mine   string `json:"mine"`
		Theirs struct {
			Target string `json:"target"`
		} `json:"theirs"`
	} `json:"conflicts"`
}

var unitTarget = regexp.MustCompile(`(?s)(<unit id="([^"]+)">.*?<target>)(.*?)(</target>)`)

// setTargets replaces the targets of the given units in an XLIFF 2 file.
func setTargets(doc string, targets map[string]string) string {
	return unitTarget.ReplaceAllStringFunc(doc, func(m string) string {
		sm := unitTarget.FindStringSubmatch(m)
		if t, ok := targets[sm[2]]; ok {
			return sm[1] + t + sm[4]
		}
		return m
	})
}

// TestXLIFFOverHTTP exports an edition in both versions through the API,
// brings an edited file back, and checks the errors of the three routes.
func TestXLIFFOverHTTP(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	ana := newClient(t, a, auth.Translator, "es")
	bruno := newClient(t, a, auth.Translator, "pt")
	anon := &client{t: t, base: a.URL()}
	art := ingestOne(t, editor, "The port is closed. Ships [wait](https://example.com/w) offshore.", "es")
	ed := art.Editions[0]
	base := "/api/v1/editions/" + ed.ID

	code, h, x21 := ana.send("GET", base+"/xliff", "", nil)
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/xliff+xml") {
		t.Fatalf("GET xliff: %d %s %s", code, h.Get("Content-Type"), x21)
	}
	if _, p, err := mime.ParseMediaType(h.Get("Content-Disposition")); err != nil || p["filename"] != art.Slug+"-es-2.1.xlf" {
		t.Errorf("Content-Disposition %q", h.Get("Content-Disposition"))
	}
	schematest.XLIFF2(t, x21)
	code, _, x12 := ana.send("GET", base+"/xliff?version=1.2", "", nil)
	if code != 200 {
		t.Fatalf("GET xliff 1.2: %d %s", code, x12)
	}
	schematest.XLIFF12(t, x12)
	code, h, zip := ana.send("GET", base+"/omegat", "", nil)
	if code != 200 || h.Get("Content-Type") != "application/zip" || len(zip) < 100 || string(zip[:2]) != "PK" {
		t.Errorf("GET omegat: %d %s (%d bytes)", code, h.Get("Content-Type"), len(zip))
	}

	bySource := map[string]segmentView{}
	for _, s := range ana.segments(ed.ID) {
		bySource[s.Source] = s
	}
	port, ships := bySource["The port is closed."], bySource["Ships <1>wait</1> offshore."]
	edited := setTargets(string(x21), map[string]string{
		port.ID:  "El puerto está cerrado.",
		ships.ID: `Los barcos <pc id="1">esperan</pc> mar adentro.`,
	})
	var sum importSummary
	code, _, raw := ana.send("PUT", base+"/xliff", "application/xliff+xml", []byte(edited))
	if code != 200 {
		t.Fatalf("PUT xliff: %d %s", code, raw)
	}
	if err := jsonUnmarshal(raw, &sum); err != nil || sum.Counts.Updated != 2 || sum.Format != "xliff-2.1" {
		t.Fatalf("summary %s (%v)", raw, err)
	}
	for _, s := range ana.segments(ed.ID) {
		if (s.ID == port.ID && s.Target != "El puerto está cerrado.") || (s.ID == ships.ID && s.Target != "Los barcos <1>esperan</1> mar adentro.") {
			t.Errorf("after import: %q", s.Target)
		}
	}

	laughs := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xliff>&b;</xliff>`
	for _, tc := range []struct {
		name        string
		c           *client
		method, url string
		ct          string
		body        string
		status      int
		code        string
	}{
		{"bad version", ana, "GET", base + "/xliff?version=3", "", "", 400, "invalid_xliff_version"},
		{"other language", bruno, "GET", base + "/xliff", "", "", 403, "forbidden"},
		{"other language omegat", bruno, "GET", base + "/omegat", "", "", 403, "forbidden"},
		{"no token", anon, "GET", base + "/xliff", "", "", 401, "unauthenticated"},
		{"no edition", ana, "GET", "/api/v1/editions/edn_nope/xliff", "", "", 404, "edition_not_found"},
		{"import JSON", ana, "PUT", base + "/xliff", "application/json", `{"target":"x"}`, 400, "unsupported_media_type"},
		{"import malformed", ana, "PUT", base + "/xliff", "application/xliff+xml", edited[:len(edited)/2], 400, "malformed_xliff"},
		{"import entity expansion", ana, "PUT", base + "/xliff", "application/xml", laughs, 400, "doctype_not_allowed"},
		{"import unknown element", ana, "PUT", base + "/xliff", "", strings.Replace(edited, "<segment ", "<odd/><segment ", 1), 422, "unknown_element"},
		{"import other language", bruno, "PUT", base + "/xliff", "", edited, 403, "forbidden"},
		{"import too large", ana, "PUT", base + "/xliff", "", edited + "<!--" + strings.Repeat("x", 5<<20) + "-->", 413, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := ana.segments(ed.ID)
			code, _, raw := tc.c.send(tc.method, tc.url, tc.ct, []byte(tc.body))
			if code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, raw)
			}
			if e := errorCode(t, raw); tc.code != "" && e.Error.Code != tc.code {
				t.Errorf("code %q, want %q (%s)", e.Error.Code, tc.code, e.Error.Message)
			}
			if d := cmp.Diff(before, ana.segments(ed.ID)); d != "" {
				t.Errorf("a refused request changed segments:\n%s", d)
			}
		})
	}
}

// TestOmegaTLoopOverHTTP is the CI round trip through the API and a real
// OmegaT: the memory knows two sentences of a drafted edition (approved in
// another article after it was drafted); the edition's OmegaT package goes
// through OmegaT's console translation and back through PUT …/xliff; the
// two sentences are filled, every other segment is as it was.
func TestOmegaTLoopOverHTTP(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	ana := newClient(t, a, auth.Translator, "es")
	earlier := ingestOne(t, editor, "The port is closed. Talks resume on Monday.", "es")
	later := ingestOne(t, editor, "Ships wait offshore. The port is closed.\n\nTalks resume on Monday. Nobody knows why.", "es")
	memory := map[string]string{"The port is closed.": "El puerto está cerrado.", "Talks resume on Monday.": "Las conversaciones se reanudan el lunes."}
	for _, s := range editor.segments(earlier.Editions[0].ID) {
		if memory[s.Source] == "" {
			continue // the title
		}
		var saved segmentView
		if code, raw := editor.do("PUT", "/api/v1/editions/"+earlier.Editions[0].ID+"/segments/"+s.ID, map[string]any{"target": memory[s.Source], "version": s.Version}, &saved); code != 200 {
			t.Fatalf("edit: %d %s", code, raw)
		}
		if code, raw := editor.do("POST", "/api/v1/editions/"+earlier.Editions[0].ID+"/segments/"+s.ID+"/approve", map[string]int{"version": saved.Version}, nil); code != 200 {
			t.Fatalf("approve: %d %s", code, raw)
		}
	}
	ed := later.Editions[0]
	before := ana.segments(ed.ID)
	code, _, pkg := ana.send("GET", "/api/v1/editions/"+ed.ID+"/omegat", "", nil)
	if code != 200 {
		t.Fatalf("GET omegat: %d %s", code, pkg)
	}
	out := omegattest.Translate(t, pkg)
	if len(out) != 1 {
		t.Fatalf("OmegaT wrote %d files", len(out))
	}
	for _, translated := range out {
		code, _, raw := ana.send("PUT", "/api/v1/editions/"+ed.ID+"/xliff", "application/xliff+xml", translated)
		if code != 200 {
			t.Fatalf("PUT xliff: %d %s", code, raw)
		}
		var sum importSummary
		if err := jsonUnmarshal(raw, &sum); err != nil || sum.Format != "omegat" || sum.Counts.Updated != 2 || sum.Counts.Unchanged != len(before)-2 {
			t.Errorf("summary: %s", raw)
		}
	}
	after := ana.segments(ed.ID)
	for i, s := range after {
		if tr, ok := memory[s.Source]; ok {
			if s.Target != tr || s.Version != before[i].Version+1 {
				t.Errorf("%q: %q v%d, want the memory's %q", s.Source, s.Target, s.Version, tr)
			}
		} else if s != before[i] {
			t.Errorf("%q changed: %+v, was %+v", s.Source, s, before[i])
		}
	}
}

func jsonUnmarshal(raw []byte, v any) error { return json.Unmarshal(raw, v) }
