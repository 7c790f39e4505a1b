package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

type statuses []translate.BackendStatus

func (s statuses) Status() []translate.BackendStatus { return s }

func TestListBackends(t *testing.T) {
	until := time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC)
	want := []translate.BackendStatus{
		{Name: "deepl", Calls: 3, Failures: 1, BilledChars: 1000, PricePerMillion: 25, EstimatedCost: 0.025,
			LastError: "HTTP 456", LastErrorAt: &until, CircuitOpenUntil: &until},
		{Name: "copy", Calls: 1},
	}
	tests := []struct {
		name string
		s    *Server
		want []translate.BackendStatus
	}{
		{"with a router", (&Server{}).WithBackends(statuses(want)), want},
		{"without", &Server{}, []translate.BackendStatus{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			if err := tt.s.listBackends(w, httptest.NewRequest("GET", "/api/v1/backends", nil), auth.Principal{}); err != nil {
				t.Fatal(err)
			}
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			var got []translate.BackendStatus
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatalf("body %s: %v", w.Body, err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestBackendsRouteForEditors(t *testing.T) {
	for _, r := range (&Server{}).routes() {
		if r.pattern == "GET /api/v1/backends" {
			if !slices.Equal(r.roles, editors) {
				t.Errorf("roles %v, want editors and admins", r.roles)
			}
			return
		}
	}
	t.Error("GET /api/v1/backends not registered")
}
