package store

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
)

// Article statuses.
const (
	ArticleReceived  = "received"  // stored, waiting to be segmented
	ArticleSegmented = "segmented" // editions exist
	ArticleFailed    = "failed"    // segmentation failed permanently
)

// Edition statuses (see design: translating → in_review → approved →
// scheduled → published, plus outdated and unpublished).
const (
	EditionTranslating = "translating"
	EditionInReview    = "in_review"
	EditionApproved    = "approved"
	EditionScheduled   = "scheduled"
	EditionPublished   = "published"
	EditionOutdated    = "outdated"
	EditionUnpublished = "unpublished"
)

// EditionStatuses are all edition statuses, in the order of the flow.
var EditionStatuses = []string{EditionTranslating, EditionInReview, EditionApproved, EditionScheduled,
	EditionPublished, EditionOutdated, EditionUnpublished}

// Segment statuses.
const (
	SegmentPending  = "pending"
	SegmentDraft    = "draft"
	SegmentEdited   = "edited"
	SegmentApproved = "approved"
)

// SegmentStatuses are all segment statuses, in the order of the flow.
var SegmentStatuses = []string{SegmentPending, SegmentDraft, SegmentEdited, SegmentApproved}

// Delivery statuses.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// Article is a source article; its text lives in revisions.
type Article struct {
	ID           string    `json:"id"`
	Slug         string    `json:"slug"`
	Title        string    `json:"title"`
	SourceLang   string    `json:"source_lang"`
	Targets      []string  `json:"targets"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	SourceDate   string    `json:"published_at,omitempty"`
	Revision     int       `json:"revision"`
	Status       string    `json:"status"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	// HeadlineMissing marks an article whose source had no headline: its
	// title is its first sentence until an editor gives one.
	HeadlineMissing bool `json:"headline_missing"`
	// Byline names the source's author, when it has one.
	Byline string `json:"byline,omitempty"`
	// ContentHash identifies the current revision's content (duplicates).
	ContentHash string `json:"-"`
}

// Revision is one version of an article's source text.
type Revision struct {
	ArticleID string
	Revision  int
	Format    string
	Body      string
	Doc       string // JSON of document.Document
	CreatedBy string
	CreatedAt time.Time
}

// Block is a block's layout, shared by the editions of one revision.
type Block struct {
	Index   int
	Kind    string
	Level   int
	Ordered bool
	Tags    []inline.Tag
}

// Edition is one target language of an article.
type Edition struct {
	ID          string     `json:"id"`
	ArticleID   string     `json:"article_id"`
	Lang        string     `json:"lang"`
	Status      string     `json:"status"`
	Revision    int        `json:"revision"`
	Version     int        `json:"version"`
	PublishAt   *time.Time `json:"publish_at,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Live reports whether the edition has a page readers can see: it was
// published once and not withdrawn (an outdated or re-reviewed edition
// keeps serving its last version). PublishedInLang applies the same rule in
// SQL.
func (e Edition) Live() bool { return e.Version > 0 && e.Status != EditionUnpublished }

// Progress counts an edition's segments of its current revision.
type Progress struct {
	Total    int `json:"total"`
	Drafted  int `json:"drafted"`
	Approved int `json:"approved"`
	// QAErrors and QAWarnings count the findings of the quality checks
	// standing on the segments (package qa).
	QAErrors   int `json:"qa_errors"`
	QAWarnings int `json:"qa_warnings"`
}

// QAIssue is one finding of the quality checks (package qa) on a
// segment's text: a stable code with arguments, which the UI renders in the
// reader's language, and the English message for API clients.
type QAIssue struct {
	Code     string            `json:"code"`
	Severity string            `json:"severity"` // error, warning
	Args     map[string]string `json:"args,omitempty"`
	Message  string            `json:"message"`
}

// UnmarshalJSON reads a finding, also in the shape the qa column was given
// before the checks existed ({"check", "severity", "message"}).
func (q *QAIssue) UnmarshalJSON(b []byte) error {
	var v struct {
		Code     string            `json:"code"`
		Check    string            `json:"check"`
		Severity string            `json:"severity"`
		Args     map[string]string `json:"args"`
		Message  string            `json:"message"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.Code == "" {
		v.Code = v.Check
	}
	*q = QAIssue{Code: v.Code, Severity: v.Severity, Args: v.Args, Message: v.Message}
	return nil
}

// Match is a translation-memory suggestion attached to a segment.
type Match struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Score  int    `json:"score"` // percent; 101 in context, 100 exact, less fuzzy
	Origin string `json:"origin,omitempty"`
	// Kind is in_context, exact or fuzzy.
	Kind string `json:"kind,omitempty"`
	// Diff marks the words of the match's source that differ from the
	// segment's source.
	Diff []DiffOp `json:"diff,omitempty"`
	// EntryID is the memory entry the match came from.
	EntryID int64 `json:"entry_id,omitempty"`
}

// DiffOp is one run of a word diff from a memory match's source to the
// current source: "equal", "delete" (only in the match's source) or
// "insert" (only in the current source).
type DiffOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Segment is one sentence of an edition.
type Segment struct {
	ID        string      `json:"id"`
	EditionID string      `json:"edition_id"`
	Revision  int         `json:"revision"`
	Index     int         `json:"index"`
	Block     int         `json:"block"`
	Source    string      `json:"source"`
	Lead      string      `json:"-"`
	Trail     string      `json:"-"`
	Target    string      `json:"target"`
	Status    string      `json:"status"`
	Origin    string      `json:"origin"`
	Engine    string      `json:"engine,omitempty"`
	Notes     []note.Note `json:"notes"`
	QA        []QAIssue   `json:"qa"`
	Matches   []Match     `json:"matches"`
	Version   int         `json:"version"`
	UpdatedBy string      `json:"updated_by,omitempty"`
	UpdatedAt time.Time   `json:"updated_at"`
}

// EditionVersion is an immutable published rendering of an edition.
type EditionVersion struct {
	EditionID string
	Version   int
	Revision  int
	Title     string
	HTML      string
	Markdown  string
	JSON      string
	CreatedBy string
	CreatedAt time.Time
}

// Event types: what webhooks subscribe to.
const (
	EventArticleReceived = "article.received"         // a new article or a new revision of one was stored
	EventReadyForReview  = "edition.ready_for_review" // every segment of an edition has a draft
	EventApproved        = "edition.approved"         // every segment of an edition is approved
	EventPublished       = "edition.published"        // an edition's first version went live
	EventUpdated         = "edition.updated"          // a later version went live
	EventUnpublished     = "edition.unpublished"      // an edition was withdrawn
	EventWebhookDisabled = "webhook.disabled"         // a subscription was disabled (410, or failing for days)
)

// EventTypes are all event types, in the order of the flow.
var EventTypes = []string{EventArticleReceived, EventReadyForReview, EventApproved, EventPublished, EventUpdated, EventUnpublished,
	EventWebhookDisabled}

// Event is a row of the outbox: something that happened, for webhooks.
type Event struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	ArticleID string          `json:"article_id,omitempty"`
	EditionID string          `json:"edition_id,omitempty"`
	Lang      string          `json:"lang,omitempty"` // the edition's language, if about one
	Data      json.RawMessage `json:"data"`
	CreatedAt time.Time       `json:"created_at"`
}

// Payload styles of a webhook: thin carries ids and URLs, full also the
// rendered edition (up to a size cap).
const (
	PayloadThin = "thin"
	PayloadFull = "full"
)

// Webhook is a subscription of a URL to event types (and, optionally,
// languages), with its health.
type Webhook struct {
	ID          string   `json:"id"`
	URL         string   `json:"url"`
	Events      []string `json:"events"`
	Languages   []string `json:"languages"` // empty: every language
	Payload     string   `json:"payload"`   // PayloadThin or PayloadFull
	Description string   `json:"description"`
	Secret      string   `json:"-"`
	// OldSecret also signs calls until OldSecretUntil (a rotation's overlap).
	OldSecret      string     `json:"-"`
	OldSecretUntil *time.Time `json:"old_secret_until,omitempty"`
	Enabled        bool       `json:"enabled"`
	CreatedBy      string     `json:"created_by,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
	// Health.
	LastSuccessAt       *time.Time `json:"last_success_at,omitempty"`
	FailingSince        *time.Time `json:"failing_since,omitempty"`
	ConsecutiveFailures int        `json:"consecutive_failures"`
	DisabledReason      string     `json:"disabled_reason,omitempty"`
	DisabledAt          *time.Time `json:"disabled_at,omitempty"`
}

// Secrets returns the secrets that sign a call made at t: the current one,
// and the previous one while a rotation's overlap lasts.
func (h Webhook) Secrets(t time.Time) []string {
	out := []string{h.Secret}
	if h.OldSecret != "" && h.OldSecretUntil != nil && t.Before(*h.OldSecretUntil) {
		out = append(out, h.OldSecret)
	}
	return out
}

// Wants reports whether the webhook is subscribed to an event of type typ
// about an edition in lang ("" for events not about one language).
func (h Webhook) Wants(typ, lang string) bool {
	if !h.Enabled || !(slices.Contains(h.Events, typ) || slices.Contains(h.Events, "*")) {
		return false
	}
	return lang == "" || len(h.Languages) == 0 || slices.Contains(h.Languages, lang)
}

// Delivery is one event sent (or to be sent) to one webhook.
type Delivery struct {
	ID        string `json:"id"`
	WebhookID string `json:"webhook_id"`
	EventID   string `json:"event_id"`
	EventType string `json:"event_type"`
	Status    string `json:"status"`
	Attempts  int    `json:"attempts"`
	LastCode  int    `json:"last_code,omitempty"`
	LastError string `json:"last_error,omitempty"`
	// NextAttemptAt is when a failed delivery is tried again.
	NextAttemptAt *time.Time `json:"next_attempt_at,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Attempt is one HTTP call made for a delivery.
type Attempt struct {
	Attempt    int       `json:"attempt"`
	Code       int       `json:"code,omitempty"`
	Error      string    `json:"error,omitempty"`
	DurationMS int64     `json:"duration_ms"`
	At         time.Time `json:"at"`
}

// User is a person who logs in to the UI.
type User struct {
	ID           string
	Username     string
	Name         string
	PasswordHash string
	Role         string
	Langs        []string
	UILang       string
	Active       bool
	CreatedAt    time.Time
}

// Token is an API token; only its hash is stored.
type Token struct {
	ID        string
	Name      string
	Role      string
	Langs     []string
	UserID    string
	Revoked   bool
	CreatedAt time.Time
}
