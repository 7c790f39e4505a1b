package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	var in pipeline.WebhookSettings
	if err := httpjson.Decode(r, &in); err != nil {
		return err
	}
	h, err := s.p.CreateWebhook(r.Context(), s.guard, who.ID, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/webhooks/"+h.ID)
	writeJSON(w, http.StatusCreated, withSecret{h, h.Secret})
	return nil
}

// withSecret shows a webhook with its secret: only when it is created or
// rotated.
type withSecret struct {
	store.Webhook
	Secret string `json:"secret"`
}

func (s *Server) updateWebhook(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	var in pipeline.WebhookSettings
	if err := httpjson.Decode(r, &in); err != nil {
		return err
	}
	h, err := s.p.UpdateWebhook(r.Context(), s.guard, r.PathValue("id"), in)
	return reply(w, http.StatusOK, h, err)
}

type rotateRequest struct {
	OverlapSeconds *int64 `json:"overlap_seconds"`
}

func (rotateRequest) RequiredFields() []string { return []string{"overlap_seconds"} }

func (s *Server) rotateSecret(w http.ResponseWriter, r *http.Request, _ auth.Principal, in rotateRequest) error {
	h, err := s.p.RotateWebhookSecret(r.Context(), r.PathValue("id"), time.Duration(*in.OverlapSeconds)*time.Second)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, withSecret{h, h.Secret})
	return nil
}

type replayRequest struct {
	Since *time.Time `json:"since"`
}

func (replayRequest) RequiredFields() []string { return []string{"since"} }

func (s *Server) replay(w http.ResponseWriter, r *http.Request, _ auth.Principal, in replayRequest) error {
	ids, err := s.p.Replay(r.Context(), r.PathValue("id"), *in.Since)
	if ids == nil {
		ids = []string{}
	}
	return reply(w, http.StatusAccepted, struct {
		Deliveries []string `json:"deliveries"`
	}{ids}, err)
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
