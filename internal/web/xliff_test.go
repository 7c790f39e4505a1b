package web_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/auth"
)

// uploadXLIFF posts a file to the editor's import as its script does: a
// multipart form, the session's CSRF token in the header unless token is
// "" (then none), JSON wanted.
func (u *user) uploadXLIFF(editionID, token string, file []byte, lang string) (*http.Response, string) {
	u.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if file != nil {
		fw, err := mw.CreateFormFile("file", "translated.xlf")
		if err != nil {
			u.t.Fatal(err)
		}
		fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, u.e.url+"/editions/"+editionID+"/xliff", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	if token != "" {
		req.Header.Set("X-CSRF-Token", token)
	}
	return u.do(req)
}

// TestXLIFFRoutes checks the editor's download and upload routes: access
// by language, CSRF on the upload, and refusals in the user's language
// that change nothing.
func TestXLIFFRoutes(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")
	e.addUser("bruno", auth.Translator, "pt")
	_, eds := e.ingest("Port strike", "text", "The port is closed. Ships wait offshore.")
	es, pt := eds["es"], eds["pt-BR"]
	ana, bruno := e.login("ana"), e.login("bruno")

	resp, x21 := ana.get("/editions/"+es.ID+"/xliff", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xliff+xml") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %s %v", resp.Status, resp.Header)
	}
	if resp, _ := ana.get("/editions/"+es.ID+"/xliff?version=1.2", nil); resp.StatusCode != 200 {
		t.Errorf("download 1.2: %s", resp.Status)
	}
	if resp, body := ana.get("/editions/"+es.ID+"/omegat", nil); resp.StatusCode != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("download OmegaT: %s", resp.Status)
	}
	for _, path := range []string{"/editions/" + es.ID + "/xliff", "/editions/" + es.ID + "/omegat"} {
		if resp, _ := bruno.get(path, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a pt translator downloads %s: %s", path, resp.Status)
		}
	}
	if resp, _ := ana.get("/editions/"+es.ID+"/xliff?version=9", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("version 9: %s", resp.Status)
	}

	edited := strings.Replace(x21, "</target>", "X</target>", 1)
	before := e.segments(es.ID)
	for _, tc := range []struct {
		name   string
		u      *user
		id     string
		token  string
		file   []byte
		lang   string
		status int
		code   string
		msg    string
	}{
		{"no CSRF token", ana, es.ID, "", []byte(edited), "", 403, "csrf", ""},
		{"wrong CSRF token", ana, es.ID, "nope", []byte(edited), "", 403, "csrf", ""},
		{"no file", ana, es.ID, ana.csrf, nil, "", 400, "no_file", "Choose the translated XLIFF file"},
		{"another edition, in Spanish", ana, es.ID, ana.csrf, []byte(strings.ReplaceAll(edited, es.ID, pt.ID)), "es", 422, "wrong_edition", "Este archivo es de otra edición"},
		{"not XLIFF, in Portuguese", ana, es.ID, ana.csrf, []byte("hello"), "pt", 400, "malformed_xliff", "Não é possível importar este arquivo"},
		{"another language's translator", bruno, es.ID, bruno.csrf, []byte(edited), "", 403, "forbidden", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := tc.u.uploadXLIFF(tc.id, tc.token, tc.file, tc.lang)
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if resp.StatusCode != tc.status || json.Unmarshal([]byte(body), &e) != nil || e.Error.Code != tc.code || !strings.Contains(e.Error.Message, tc.msg) {
				t.Errorf("%s %s, want %d %s %q", resp.Status, body, tc.status, tc.code, tc.msg)
			}
		})
	}
	if d := cmp.Diff(before, e.segments(es.ID)); d != "" {
		t.Errorf("refused uploads changed segments:\n%s", d)
	}

	// The script's upload, accepted; a plain form post goes back to the editor.
	resp, body := ana.uploadXLIFF(es.ID, ana.csrf, []byte(edited), "")
	var sum struct {
		Text    string `json:"text"`
		Updated []struct {
			ID, Target string
		} `json:"updated"`
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &sum) != nil || len(sum.Updated) != 1 || !strings.Contains(sum.Text, "1 updated") {
		t.Fatalf("import: %s %s", resp.Status, body)
	}
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	mw.WriteField("csrf", ana.csrf)
	fw, _ := mw.CreateFormFile("file", "t.xlf")
	fw.Write([]byte(edited))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, e.url+"/editions/"+es.ID+"/xliff", &form)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if resp, _ := ana.do(req); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/editions/"+es.ID {
		t.Errorf("form post without the script: %s %s", resp.Status, resp.Header.Get("Location"))
	}
}
