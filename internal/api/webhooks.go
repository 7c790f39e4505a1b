package api

import (
	"errors"
	"net/http"
	"slices"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/webhook"
)

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	var in struct {
		URL    string   `json:"url"`
		Events []string `json:"events"`
	}
	if err := httpjson.Decode(r, &in); err != nil {
		return err
	}
	if len(in.Events) == 0 {
		return derrors.New(derrors.Unprocessable, "invalid_events", "events must name at least one event type, or \"*\"")
	}
	for _, e := range in.Events {
		if e != "*" && !slices.Contains(store.EventTypes, e) {
			return derrors.New(derrors.Unprocessable, "invalid_events", "unknown event type %s", e)
		}
	}
	if err := s.guard.CheckURL(r.Context(), in.URL); err != nil {
		code := "invalid_url"
		if errors.Is(err, webhook.ErrForbiddenTarget) {
			code = "forbidden_url"
		}
		return derrors.New(derrors.Unprocessable, code, "%v", err)
	}
	h := store.Webhook{ID: store.NewID("whk"), URL: in.URL, Events: in.Events, Secret: webhook.NewSecret(), Active: true, CreatedBy: who.ID}
	if err := s.st.CreateWebhook(r.Context(), &h); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/webhooks/"+h.ID)
	writeJSON(w, http.StatusCreated, struct {
		store.Webhook
		Secret string `json:"secret"`
	}{h, h.Secret})
	return nil
}

func (s *Server) webhook(r *http.Request) (store.Webhook, error) {
	h, err := s.st.GetWebhook(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		return h, notFound("webhook_not_found", "no webhook %q", r.PathValue("id"))
	}
	return h, err
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	hs, err := s.st.ListWebhooks(r.Context())
	if err != nil {
		return err
	}
	if hs == nil {
		hs = []store.Webhook{}
	}
	writeJSON(w, http.StatusOK, hs)
	return nil
}

func (s *Server) getWebhook(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	h, err := s.webhook(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, h)
	return nil
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	err := s.st.DeleteWebhook(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		return notFound("webhook_not_found", "no active webhook %q", r.PathValue("id"))
	} else if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) listDeliveries(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	h, err := s.webhook(r)
	if err != nil {
		return err
	}
	limit, err := limitParam(r, 100)
	if err != nil {
		return err
	}
	ds, err := s.st.WebhookDeliveries(r.Context(), h.ID, limit)
	if err != nil {
		return err
	}
	if ds == nil {
		ds = []store.Delivery{}
	}
	writeJSON(w, http.StatusOK, ds)
	return nil
}

func (s *Server) getDelivery(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	d, err := s.st.GetDelivery(r.Context(), r.PathValue("did"))
	if errors.Is(err, store.ErrNotFound) || (err == nil && d.WebhookID != r.PathValue("id")) {
		return notFound("delivery_not_found", "no delivery %q for webhook %q", r.PathValue("did"), r.PathValue("id"))
	} else if err != nil {
		return err
	}
	attempts, err := s.st.DeliveryAttempts(r.Context(), d.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		store.Delivery
		AttemptLog []store.Attempt `json:"attempt_log"`
	}{d, attempts})
	return nil
}

func (s *Server) redeliver(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	d, err := s.p.Redeliver(r.Context(), r.PathValue("id"), r.PathValue("did"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, d)
	return nil
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	limit, err := limitParam(r, 100)
	if err != nil {
		return err
	}
	evs, err := s.st.ListEvents(r.Context(), limit)
	if err != nil {
		return err
	}
	if evs == nil {
		evs = []store.Event{}
	}
	writeJSON(w, http.StatusOK, evs)
	return nil
}
