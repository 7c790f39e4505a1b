package webhook

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestReceiver: the listen command's receiver accepts a call signed by the
// sender (also with two signatures), refuses a bad signature with 401 and a
// stale or future timestamp with 400, and prints what it accepted.
func TestReceiver(t *testing.T) {
	secret, other := NewSecret(), NewSecret()
	var out syncBuffer
	rc, err := NewReceiver(secret, &out)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	body := []byte(`{"type":"edition.published","timestamp":"2026-11-29T20:00:00Z","data":{"edition_id":"edn_1"}}`)
	post := func(secrets []string, id string, at time.Time) int {
		t.Helper()
		sig, err := Sign(secrets, id, at, body)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("POST", srv.URL, bytes.NewReader(body))
		req.Header.Set("webhook-id", id)
		req.Header.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
		req.Header.Set("webhook-signature", sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	now := time.Now()
	for _, tc := range []struct {
		name    string
		secrets []string
		id      string
		at      time.Time
		want    int
	}{
		{"signed", []string{secret}, "msg_ok", now, 204},
		{"rotation: new and old", []string{other, secret}, "msg_rot", now, 204},
		{"wrong secret", []string{other}, "msg_bad", now, 401},
		{"stale", []string{secret}, "msg_old", now.Add(-10 * time.Minute), 400},
		{"future", []string{secret}, "msg_new", now.Add(10 * time.Minute), 400},
		{"repeat", []string{secret}, "msg_ok", now, 204},
	} {
		if got := post(tc.secrets, tc.id, tc.at); got != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
		}
	}
	resp, err := http.Post(srv.URL, "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("unsigned call: %d, want 400", resp.StatusCode)
	}
	printed := out.String()
	for _, want := range []string{"edition.published msg_ok\n", "msg_rot", "REFUSED msg_bad 401", "REFUSED msg_old 400", "REFUSED msg_new 400",
		"msg_ok (repeat)", `"edition_id": "edn_1"`} {
		if !strings.Contains(printed, want) {
			t.Errorf("output lacks %q:\n%s", want, printed)
		}
	}
	if _, err := NewReceiver("not-a-secret", &out); err == nil {
		t.Error("NewReceiver accepted a secret without whsec_")
	}
}
