package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// MaxWebhookPayload is the size a webhook body stays under. A full
// subscription's rendered edition is left out (rendered_omitted: true) when
// including it would pass this; thin payloads are a few hundred bytes.
const MaxWebhookPayload = 256 << 10

// WebhookPayload is the body of every webhook call (docs/webhooks.md).
type WebhookPayload struct {
	Type      string         `json:"type"`
	Timestamp time.Time      `json:"timestamp"`
	Data      map[string]any `json:"data"`
}

// PublicURLs are the addresses of an edition's published page in each form.
type PublicURLs struct {
	HTML     string `json:"html"`
	Markdown string `json:"markdown"`
	JSON     string `json:"json"`
}

// Rendered is a published version of an edition, inline in a full payload.
type Rendered struct {
	Version  int             `json:"version"`
	Title    string          `json:"title"`
	HTML     string          `json:"html"`
	Markdown string          `json:"markdown"`
	JSON     json.RawMessage `json:"json"`
}

// webhookBody builds the payload of an event for a webhook: the event's data,
// and for edition events the public URLs and, for full subscriptions, the
// rendered edition when it fits.
func (p *Pipeline) webhookBody(ctx context.Context, h store.Webhook, ev store.Event) ([]byte, error) {
	data := map[string]any{}
	if len(ev.Data) > 0 {
		if err := json.Unmarshal(ev.Data, &data); err != nil {
			return nil, err
		}
	}
	pl := WebhookPayload{Type: ev.Type, Timestamp: ev.CreatedAt.UTC(), Data: data}
	if ev.EditionID != "" && strings.HasPrefix(ev.Type, "edition.") {
		if err := p.editionPayload(ctx, h, ev, data); err != nil {
			return nil, err
		}
	}
	body, err := json.Marshal(pl)
	if err != nil {
		return nil, err
	}
	if len(body) > MaxWebhookPayload {
		delete(data, "rendered")
		data["rendered_omitted"] = true
		body, err = json.Marshal(pl)
	}
	return body, err
}

func (p *Pipeline) editionPayload(ctx context.Context, h store.Webhook, ev store.Event, data map[string]any) error {
	a, err := p.store.GetArticle(ctx, ev.ArticleID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	lang, _ := data["lang"].(string)
	if lang == "" {
		lang = ev.Lang
	}
	page := publish.PageURL(p.cfg.BaseURL, lang, a.Slug)
	data["slug"] = a.Slug
	data["urls"] = PublicURLs{HTML: page, Markdown: page + "?format=markdown", JSON: page + "?format=json"}
	version, _ := data["version"].(float64)
	if h.Payload != store.PayloadFull || version < 1 || (ev.Type != store.EventPublished && ev.Type != store.EventUpdated) {
		return nil
	}
	v, err := p.store.GetVersion(ctx, ev.EditionID, int(version))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	r := Rendered{Version: v.Version, Title: v.Title, HTML: v.HTML, Markdown: v.Markdown, JSON: json.RawMessage(v.JSON)}
	if !json.Valid(r.JSON) {
		r.JSON = nil
	}
	data["rendered"] = r
	return nil
}
