package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Live updates: a change is PUBLISHed on the edition's Redis channel; every
// process subscribes (once, through a hub) to the channels of the editions
// its browsers have open and fans each message out to their event streams.
// Redis carries the messages between processes, so a save on one server
// reaches an editor connected to another.

func editionChannel(editionID string) string { return "pressroom:edition:" + editionID }

// liveEvent is one message on an edition's channel.
type liveEvent struct {
	Type      string   `json:"type"` // segment, claim, comment
	Segment   *segJSON `json:"segment,omitempty"`
	Holder    string   `json:"holder,omitempty"`     // claim: display name, "" when released
	HolderID  string   `json:"holder_id,omitempty"`  // claim: user id
	SegmentID string   `json:"segment_id,omitempty"` // comment
	Comments  int      `json:"comments,omitempty"`   // comment: how many the segment now has
}

// publish sends an event to an edition's open editors; failures are logged,
// as live updates are a convenience and the data is already saved.
func (s *Server) publish(ctx context.Context, editionID string, ev liveEvent) {
	b, err := json.Marshal(ev)
	if err == nil {
		err = s.cfg.Redis.Publish(context.WithoutCancel(ctx), editionChannel(editionID), b).Err()
	}
	if err != nil {
		s.log.Warn("live update not sent", "edition", editionID, "type", ev.Type, "err", err)
	}
}

// hub shares one Redis subscription among every event stream of this
// process: it subscribes to an edition's channel when the first browser opens
// it and unsubscribes when the last one leaves.
type hub struct {
	ps   *redis.PubSub
	log  *slog.Logger
	mu   sync.Mutex
	subs map[string]map[chan []byte]struct{}
	done chan struct{}
}

// subscriberBuffer is how many messages a slow browser may fall behind
// before its stream is closed; the script then reconnects and resyncs.
const subscriberBuffer = 64

func newHub(ctx context.Context, rdb redis.UniversalClient, log *slog.Logger) *hub {
	h := &hub{ps: rdb.Subscribe(context.WithoutCancel(ctx)), log: log, subs: map[string]map[chan []byte]struct{}{}, done: make(chan struct{})}
	go h.run()
	return h
}

func (h *hub) run() {
	defer close(h.done)
	for msg := range h.ps.Channel(redis.WithChannelSize(1024)) {
		h.mu.Lock()
		for ch := range h.subs[msg.Channel] {
			select {
			case ch <- []byte(msg.Payload):
			default:
				// Too slow: drop the subscriber; its stream ends and the
				// browser reconnects and reloads the edition's state.
				delete(h.subs[msg.Channel], ch)
				close(ch)
			}
		}
		h.mu.Unlock()
	}
}

// subscribe returns a channel of the edition's messages, and a function to
// stop. The channel is closed when the subscriber is dropped or stops.
func (h *hub) subscribe(ctx context.Context, editionID string) (<-chan []byte, func(), error) {
	name := editionChannel(editionID)
	ch := make(chan []byte, subscriberBuffer)
	h.mu.Lock()
	first := len(h.subs[name]) == 0
	if h.subs[name] == nil {
		h.subs[name] = map[chan []byte]struct{}{}
	}
	h.subs[name][ch] = struct{}{}
	h.mu.Unlock()
	if first {
		if err := h.ps.Subscribe(ctx, name); err != nil {
			h.remove(name, ch)
			return nil, nil, err
		}
	}
	var once sync.Once
	return ch, func() { once.Do(func() { h.remove(name, ch) }) }, nil
}

func (h *hub) remove(name string, ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[name][ch]; ok {
		delete(h.subs[name], ch)
		close(ch)
	}
	if len(h.subs[name]) == 0 {
		delete(h.subs, name)
		// Unsubscribing under the lock keeps a concurrent first subscriber
		// from being unsubscribed by mistake.
		if err := h.ps.Unsubscribe(context.Background(), name); err != nil {
			h.log.Debug("unsubscribe", "channel", name, "err", err)
		}
	}
}

func (h *hub) close() {
	_ = h.ps.Close()
	<-h.done
}
