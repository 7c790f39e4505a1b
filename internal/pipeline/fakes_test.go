package pipeline_test

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/webhook"
)

// The workflow's tests run on a real SQLite store in a temporary directory;
// only the parts beyond the database are small fakes: the queue (which
// records what was enqueued, and the test runs the steps itself), the
// translation engine, the webhook sender and the live hub.

// queue records enqueued tasks as "type id".
type queue struct {
	mu    sync.Mutex
	tasks []string
}

func (q *queue) add(task string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tasks = append(q.tasks, task)
	return nil
}

// take returns the tasks enqueued since the last take.
func (q *queue) take() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	t := q.tasks
	q.tasks = nil
	return t
}

func (q *queue) EnqueueSegment(_ context.Context, id string, _ int) error {
	return q.add("segment " + id)
}
func (q *queue) EnqueueTranslate(_ context.Context, id string, _ int) error {
	return q.add("translate " + id)
}
func (q *queue) EnqueuePublish(_ context.Context, id string, _ time.Time) error {
	return q.add("publish " + id)
}
func (q *queue) EnqueueDelivery(_ context.Context, id string) error { return q.add("deliver " + id) }
func (q *queue) RunDelivery(_ context.Context, id string) error     { return q.add("run " + id) }
func (q *queue) EnqueueRedelivery(_ context.Context, id string) error {
	return q.add("redeliver " + id)
}

// engine "translates" by prefixing the target language, keeping the tags;
// sources containing broken are answered with their tags dropped, which the
// tag check must refuse.
type engine struct {
	broken string
	calls  int
}

func (e *engine) Translate(_ context.Context, req translate.Request) ([]translate.Draft, error) {
	e.calls++
	var out []translate.Draft
	for _, s := range req.Segments {
		text := "[" + req.To + "] " + s.Text
		if e.broken != "" && strings.Contains(s.Text, e.broken) {
			text = "[" + req.To + "] tags lost"
		}
		out = append(out, translate.Draft{ID: s.ID, Text: text, Backend: "fake", Engine: "fake-1"})
	}
	return out, nil
}

// sender records webhook calls and fails while fail is set.
type sender struct {
	mu     sync.Mutex
	sent   []string          // message ids
	bodies map[string][]byte // last body by message id
	fail   bool
	code   int // the failure's status (503 when 0)
}

func (s *sender) Send(_ context.Context, _ string, _ []string, msgID string, _ time.Time, body []byte) (webhook.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, msgID)
	if s.bodies == nil {
		s.bodies = map[string][]byte{}
	}
	s.bodies[msgID] = body
	if s.fail {
		code := cmp.Or(s.code, 503)
		return webhook.Result{Code: code}, fmt.Errorf("receiver answered %d", code)
	}
	return webhook.Result{Code: 204}, nil
}

// hub records live events and keeps claims in a map.
type hub struct {
	mu     sync.Mutex
	events []live.Event
	claims map[string]live.Holder
}

func (h *hub) Publish(_ context.Context, _ string, ev live.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, ev)
}

func (h *hub) TakeClaim(_ context.Context, editionID string, me live.Holder) (live.Holder, bool, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if cur, ok := h.claims[editionID]; ok {
		return cur, false, nil
	}
	h.claims[editionID] = me
	return me, true, nil
}

func (h *hub) ReleaseClaim(_ context.Context, editionID string, me live.Holder) (bool, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.claims[editionID] != me {
		return false, nil
	}
	delete(h.claims, editionID)
	return true, nil
}

// takeEvents returns the live events since the last call.
func (h *hub) takeEvents() []live.Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	ev := h.events
	h.events = nil
	return ev
}

// world is a workflow on a fresh SQLite store with its fakes.
type world struct {
	p      *pipeline.Pipeline
	st     *store.Store
	queue  *queue
	engine *engine
	sender *sender
	hub    *hub
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := st.Migrate(ctx, log); err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	w := &world{st: st, queue: &queue{}, engine: &engine{}, sender: &sender{}, hub: &hub{claims: map[string]live.Holder{}}}
	w.p = pipeline.New(pipeline.Deps{Store: st, Queue: w.queue, Translator: w.engine, Sender: w.sender, Live: w.hub,
		Locales: bundle, Log: log}, pipeline.Config{BaseURL: "https://news.example", WebhookSchedule: webhook.Schedule{time.Millisecond}})
	return w
}

// Callers.
var (
	editor = auth.Principal{ID: "usr_ed", Name: "Eve", Role: auth.Editor}
	ana    = auth.Principal{ID: "usr_ana", Name: "Ana", Role: auth.Translator, Langs: []string{"es"}}
	bea    = auth.Principal{ID: "usr_bea", Name: "Bea", Role: auth.Translator, Langs: []string{"pt"}}
)

// ingest stores an article and runs its segmentation and translation, as
// the workers would; it returns the article and its editions by language.
func (w *world) ingest(t *testing.T, body string) (store.Article, map[string]store.Edition) {
	t.Helper()
	ctx := context.Background()
	a, err := w.p.Ingest(ctx, editor.ID, pipeline.ArticleInput{Format: "markdown", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.p.SegmentArticle(ctx, a.ID, a.Revision); err != nil {
		t.Fatal(err)
	}
	eds := w.editions(t, a.ID)
	for _, e := range eds {
		if err := w.p.TranslateEdition(ctx, e.ID, e.Revision); err != nil && w.engine.broken == "" {
			t.Fatal(err)
		}
	}
	return a, w.editions(t, a.ID)
}

func (w *world) editions(t *testing.T, articleID string) map[string]store.Edition {
	t.Helper()
	list, err := w.st.ArticleEditions(context.Background(), articleID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Edition{}
	for _, e := range list {
		out[e.Lang] = e
	}
	return out
}

func (w *world) segments(t *testing.T, e store.Edition) []store.Segment {
	t.Helper()
	segs, err := w.st.EditionSegments(context.Background(), e.ID, e.Revision)
	if err != nil {
		t.Fatal(err)
	}
	return segs
}

func (w *world) edition(t *testing.T, id string) store.Edition {
	t.Helper()
	e, err := w.st.GetEdition(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// eventTypes lists the outbox's event types, oldest first.
func (w *world) eventTypes(t *testing.T) []string {
	t.Helper()
	evs, err := w.st.ListEvents(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(evs) - 1; i >= 0; i-- {
		out = append(out, evs[i].Type)
	}
	return out
}
