package app_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
)

const memoryTMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>Dock workers voted to continue the strike.</seg></tuv>
<tuv xml:lang="es"><seg>Los estibadores votaron a favor de continuar la huelga.</seg></tuv>
<tuv xml:lang="pt-BR"><seg>Os estivadores votaram pela continuação da greve.</seg></tuv></tu>
</body></tmx>`

// tmx sends a TMX body.
func (c *client) tmx(path, body string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-tmx+xml")
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String()
}

type lookup struct {
	Matches []struct {
		Source, Target, Kind string
		Score                int
		Diff                 []struct{ Op, Text string }
	}
}

// TestMemoryAPI: admins import TMX (a bad file changes nothing), translators
// look sentences up in their languages, editors export, admins search,
// correct and delete entries.
func TestMemoryAPI(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1})
	admin, editor, ana := newClient(t, a, auth.Admin), newClient(t, a, auth.Editor), newClient(t, a, auth.Translator, "es")

	if code, _ := editor.tmx("/api/v1/tm/import", memoryTMX); code != http.StatusForbidden {
		t.Errorf("editor import: %d", code)
	}
	code, body := admin.tmx("/api/v1/tm/import", memoryTMX)
	if code != http.StatusOK || !strings.Contains(body, `"units":1`) || !strings.Contains(body, `"entries":2`) {
		t.Fatalf("import: %d %s", code, body)
	}
	bad := strings.Replace(memoryTMX, "<body>", `<body><tu><tuv xml:lang="en"><seg>New.</seg></tuv><tuv xml:lang="es"><seg>Nuevo.</seg></tuv></tu>`, 1)
	bad = strings.Replace(bad, `<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaa">]>`, 1)
	if code, body := admin.tmx("/api/v1/tm/import", bad); code != http.StatusBadRequest || errorCode(t, []byte(body)).Error.Code != "invalid_tmx" {
		t.Errorf("entity attack: %d %s", code, body)
	}
	if code, body := admin.tmx("/api/v1/tm/import", memoryTMX[:200]); code != http.StatusBadRequest || !strings.Contains(body, "truncated") {
		t.Errorf("truncated: %d %s", code, body)
	}

	q := url.Values{"from": {"en"}, "to": {"es"}, "q": {"Dock workers voted to end the strike."}}
	var res lookup
	if code, raw := ana.do("GET", "/api/v1/tm/lookup?"+q.Encode(), nil, &res); code != 200 {
		t.Fatalf("lookup: %d %s", code, raw)
	}
	if len(res.Matches) != 1 || res.Matches[0].Kind != "fuzzy" || res.Matches[0].Score != 86 || res.Matches[0].Diff[1].Text != "continue" {
		t.Errorf("lookup: %+v", res)
	}
	res = lookup{}
	if code, _ := ana.do("GET", "/api/v1/tm/lookup?from=en&to=es&q=New.", nil, &res); code != 200 || len(res.Matches) != 0 {
		t.Errorf("the refused file's unit was stored: %+v", res)
	}
	q.Set("to", "pt-BR")
	if code, _ := ana.do("GET", "/api/v1/tm/lookup?"+q.Encode(), nil, nil); code != http.StatusForbidden {
		t.Errorf("a Spanish translator looked up Portuguese: %d", code)
	}
	if code, _ := ana.do("GET", "/api/v1/tm/lookup?to=es", nil, nil); code != http.StatusBadRequest {
		t.Errorf("lookup without q: %d", code)
	}

	req, _ := http.NewRequest("GET", a.URL()+"/api/v1/tm/export?from=en&to=pt-br", nil)
	req.Header.Set("Authorization", "Bearer "+editor.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var exp bytes.Buffer
	_, _ = exp.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/x-tmx+xml") ||
		!strings.Contains(exp.String(), "Os estivadores votaram pela continuação da greve.") {
		t.Errorf("export: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), exp.String())
	}

	var found struct {
		Entries []struct {
			ID     int64
			Target string
		}
	}
	if code, raw := admin.do("GET", "/api/v1/tm/entries?to=es&q=strike", nil, &found); code != 200 || len(found.Entries) != 1 {
		t.Fatalf("search: %d %s", code, raw)
	}
	id := strconv.FormatInt(found.Entries[0].ID, 10)
	if code, _ := editor.do("DELETE", "/api/v1/tm/entries/"+id, nil, nil); code != http.StatusForbidden {
		t.Errorf("editor delete: %d", code)
	}
	if code, raw := admin.do("PUT", "/api/v1/tm/entries/"+id, map[string]string{"target": "Los estibadores decidieron seguir en huelga."}, nil); code != 200 {
		t.Errorf("correct: %d %s", code, raw)
	}
	if code, raw := admin.do("PUT", "/api/v1/tm/entries/"+id, map[string]string{"target": ""}, nil); code != http.StatusUnprocessableEntity {
		t.Errorf("empty correction: %d %s", code, raw)
	}
	if code, raw := admin.do("PUT", "/api/v1/tm/entries/"+id, map[string]string{}, nil); code != http.StatusBadRequest {
		t.Errorf("correction without target: %d %s", code, raw)
	}
	if code, _ := admin.do("DELETE", "/api/v1/tm/entries/"+id, nil, nil); code != http.StatusNoContent {
		t.Errorf("delete: %d", code)
	}
	if code, _ := admin.do("DELETE", "/api/v1/tm/entries/"+id, nil, nil); code != http.StatusNotFound {
		t.Errorf("delete again: %d", code)
	}
}
