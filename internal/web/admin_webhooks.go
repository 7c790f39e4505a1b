package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// webhooksPage lists subscriptions with their health and has the form to
// add one; Secret is shown once, right after adding.
type webhooksPage struct {
	Hooks  []hookView
	Form   webhookForm
	Secret string
	Error  string
}

// hookView is a webhook with its health times as values (zero: never) and
// why it was disabled in the reader's language.
type hookView struct {
	store.Webhook
	LastOK, Failing, Disabled time.Time
	Reason                    string
}

// disabledReason says a webhook's disabled reason in the reader's
// language when it is one pressroom writes; another is shown as stored.
func disabledReason(l *i18n.Localizer, reason string) string {
	if at, ok := pipeline.FailingSince(reason); ok {
		return l.T("WebhookDisabledFailing", "Since", newFormatter(l).Date(at))
	}
	switch reason {
	case pipeline.DisabledGone:
		return l.T("WebhookDisabledGone")
	case store.DisabledDeleted:
		return l.T("WebhookDisabledDeleted")
	}
	return reason
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// webhookForm is the add form's fields, echoed back when it is refused.
type webhookForm struct {
	URL, Events, Languages, Payload, Description string
}

func (s *Server) showWebhooks(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.renderWebhooks(w, r, c, http.StatusOK, webhooksPage{Form: webhookForm{Events: "*", Payload: store.PayloadThin}})
}

func (s *Server) renderWebhooks(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, page webhooksPage) error {
	hooks, err := s.st.ListWebhooks(r.Context())
	if err != nil {
		return err
	}
	page.Hooks = nil
	for _, h := range hooks {
		page.Hooks = append(page.Hooks, hookView{Webhook: h, LastOK: deref(h.LastSuccessAt), Failing: deref(h.FailingSince), Disabled: deref(h.DisabledAt),
			Reason: disabledReason(c.loc, h.DisabledReason)})
	}
	s.render(w, r, c, status, "webhooks", c.loc.T("WebhooksTitle"), page)
	return nil
}

// fields splits a comma- or space-separated list.
func fields(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })
}

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	f := webhookForm{URL: strings.TrimSpace(r.PostFormValue("url")), Events: r.PostFormValue("events"),
		Languages: r.PostFormValue("languages"), Payload: r.PostFormValue("payload"), Description: strings.TrimSpace(r.PostFormValue("description"))}
	events, langs := fields(f.Events), fields(f.Languages)
	h, err := s.p.CreateWebhook(r.Context(), s.guard(), c.user.ID, pipeline.WebhookSettings{URL: &f.URL, Events: &events,
		Languages: &langs, Payload: &f.Payload, Description: &f.Description})
	if e := derrors.As(err); e != nil && (errors.Is(err, derrors.Unprocessable) || errors.Is(err, derrors.Invalid)) {
		return s.renderWebhooks(w, r, c, http.StatusUnprocessableEntity, webhooksPage{Form: f, Error: e.Message})
	} else if err != nil {
		return err
	}
	s.log.Info("webhook added", "by", c.user.Username, "webhook", h.ID, "url", h.URL)
	return s.renderWebhooks(w, r, c, http.StatusCreated, webhooksPage{Form: webhookForm{Events: "*", Payload: store.PayloadThin}, Secret: h.Secret})
}

// setWebhookEnabled enables (with a clean failure record) or disables a
// subscription.
func (s *Server) setWebhookEnabled(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	on := r.PostFormValue("enabled") == "1"
	h, err := s.p.UpdateWebhook(r.Context(), s.guard(), r.PathValue("id"), pipeline.WebhookSettings{Enabled: &on})
	if err != nil {
		return err
	}
	s.log.Info("webhook enabled changed", "by", c.user.Username, "webhook", h.ID, "enabled", on)
	http.Redirect(w, r, "/admin/webhooks", http.StatusSeeOther)
	return nil
}

func (s *Server) guard() pipeline.URLChecker {
	if s.cfg.WebhookGuard == nil {
		return refuseURLs{}
	}
	return s.cfg.WebhookGuard
}

type refuseURLs struct{}

func (refuseURLs) CheckURL(context.Context, string) error {
	return errors.New("this server has no webhook guard configured")
}
