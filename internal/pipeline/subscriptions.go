package pipeline

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
	"github.com/pressroom-dev/pressroom/internal/webhook"
)

// URLChecker validates a webhook URL (package webhook's Guard).
type URLChecker interface {
	CheckURL(ctx context.Context, raw string) error
}

// WebhookSettings are a subscription's settings as a caller sends them; a
// nil field is left as it is (PATCH) or takes its default (create).
type WebhookSettings struct {
	URL         *string   `json:"url"`
	Events      *[]string `json:"events"`
	Languages   *[]string `json:"languages"`
	Payload     *string   `json:"payload"`
	Description *string   `json:"description"`
	Enabled     *bool     `json:"enabled"`
}

// MaxWebhookDescription bounds a subscription's description.
const MaxWebhookDescription = 500

// apply checks s and copies its fields onto h.
func (s WebhookSettings) apply(ctx context.Context, guard URLChecker, h *store.Webhook) error {
	if s.URL != nil {
		if err := guard.CheckURL(ctx, *s.URL); err != nil {
			code := "invalid_url"
			if errors.Is(err, webhook.ErrForbiddenTarget) {
				code = "forbidden_url"
			}
			return derrors.New(derrors.Unprocessable, code, "%v", err)
		}
		h.URL = *s.URL
	}
	if s.Events != nil {
		if len(*s.Events) == 0 {
			return derrors.New(derrors.Unprocessable, "invalid_events", "events must name at least one event type, or \"*\"")
		}
		for _, e := range *s.Events {
			if e != "*" && !slices.Contains(store.EventTypes, e) {
				return derrors.New(derrors.Unprocessable, "invalid_events", "unknown event type %q (known: %s, or \"*\")", e, strings.Join(store.EventTypes, ", "))
			}
		}
		h.Events = *s.Events
	}
	if s.Languages != nil {
		langs := []string{}
		for _, l := range *s.Languages {
			t, err := language.Parse(l)
			if err != nil || l == "" {
				return derrors.New(derrors.Unprocessable, "invalid_languages", "%q is not a language tag (e.g. es, pt-BR)", l)
			}
			langs = append(langs, t.String())
		}
		h.Languages = langs
	}
	if s.Payload != nil {
		if *s.Payload != store.PayloadThin && *s.Payload != store.PayloadFull {
			return derrors.New(derrors.Unprocessable, "invalid_payload", "payload must be %q or %q", store.PayloadThin, store.PayloadFull)
		}
		h.Payload = *s.Payload
	}
	if s.Description != nil {
		if err := textcheck.Text("description", *s.Description); err != nil {
			return err
		}
		if len(*s.Description) > MaxWebhookDescription {
			return derrors.New(derrors.Unprocessable, "invalid_description", "description is longer than %d bytes", MaxWebhookDescription)
		}
		h.Description = *s.Description
	}
	if s.Enabled != nil {
		h.Enabled = *s.Enabled
	}
	return nil
}

// CreateWebhook stores a new subscription; the result carries its secret.
func (p *Pipeline) CreateWebhook(ctx context.Context, guard URLChecker, createdBy string, s WebhookSettings) (store.Webhook, error) {
	h := store.Webhook{ID: store.NewID("whk"), Payload: store.PayloadThin, Languages: []string{}, Enabled: true,
		Secret: webhook.NewSecret(), CreatedBy: createdBy}
	if s.URL == nil {
		return h, derrors.New(derrors.Invalid, "missing_field", "this call needs \"url\"")
	}
	if s.Events == nil {
		return h, derrors.New(derrors.Unprocessable, "invalid_events", "events must name at least one event type, or \"*\"")
	}
	if err := s.apply(ctx, guard, &h); err != nil {
		return h, err
	}
	if err := p.filterLangs(h.Languages); err != nil {
		return h, err
	}
	return h, p.store.CreateWebhook(ctx, &h)
}

// UpdateWebhook changes the fields s sets and returns the webhook.
func (p *Pipeline) UpdateWebhook(ctx context.Context, guard URLChecker, id string, s WebhookSettings) (store.Webhook, error) {
	var h store.Webhook
	err := p.store.InTx(ctx, func(q *store.Queries) error {
		var err error
		if h, err = q.GetWebhook(ctx, id); errors.Is(err, store.ErrNotFound) {
			return derrors.New(derrors.NotFound, "webhook_not_found", "no webhook %q", id)
		} else if err != nil {
			return err
		}
		if err := s.apply(ctx, guard, &h); err != nil {
			return err
		}
		if s.Languages != nil {
			if err := p.filterLangs(h.Languages); err != nil {
				return err
			}
		}
		if err := q.UpdateWebhook(ctx, h); err != nil {
			return err
		}
		h, err = q.GetWebhook(ctx, id)
		return err
	})
	return h, err
}

// MaxRotationOverlap bounds how long a rotated-out secret keeps signing.
const MaxRotationOverlap = 7 * 24 * time.Hour

// RotateWebhookSecret gives a webhook a new secret and returns it; the old
// one keeps signing every call (a second v1 signature) for overlap.
func (p *Pipeline) RotateWebhookSecret(ctx context.Context, id string, overlap time.Duration) (store.Webhook, error) {
	if overlap < 0 || overlap > MaxRotationOverlap {
		return store.Webhook{}, derrors.New(derrors.Unprocessable, "invalid_overlap", "overlap_seconds must be between 0 and %d", int(MaxRotationOverlap.Seconds()))
	}
	secret := webhook.NewSecret()
	var h store.Webhook
	err := p.store.InTx(ctx, func(q *store.Queries) error {
		err := q.RotateSecret(ctx, id, secret, p.now().Add(overlap))
		if errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrNotFound) {
			return derrors.New(derrors.NotFound, "webhook_not_found", "no webhook %q", id)
		} else if err != nil {
			return err
		}
		h, err = q.GetWebhook(ctx, id)
		return err
	})
	return h, err
}

// filterLangs refuses a webhook's language filter naming a language this
// installation neither translates from nor into: it would never match.
func (p *Pipeline) filterLangs(langs []string) error {
	for _, l := range langs {
		if l == p.cfg.SourceLang {
			continue
		}
		if err := p.supported("languages", l); err != nil {
			return err
		}
	}
	return nil
}
