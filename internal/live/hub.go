package live

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Publish sends an event to an edition's open editors. Failures are logged,
// not returned: live updates are a convenience, and the data is already
// saved (an editor that missed a message resyncs when it reconnects).
func (h *Hub) Publish(ctx context.Context, editionID string, ev Event) {
	b, err := json.Marshal(ev)
	if err == nil {
		err = h.rdb.Publish(context.WithoutCancel(ctx), editionChannel(editionID), b).Err()
	}
	if err != nil {
		h.log.Warn("live update not sent", "edition", editionID, "type", ev.Type, "err", err)
	}
}

// Hub carries live updates and claims over Redis. It shares one Redis
// subscription among every event stream of this process: it subscribes to an
// edition's channel when the first browser opens it and unsubscribes when
// the last one leaves.
type Hub struct {
	rdb  redis.UniversalClient
	ps   *redis.PubSub
	log  *slog.Logger
	mu   sync.Mutex
	subs map[string]map[chan []byte]struct{}
	done chan struct{}
}

// SubscriberBuffer is how many messages a slow browser may fall behind
// before its stream is closed; the script then reconnects and resyncs.
const SubscriberBuffer = 64

// New returns a hub on rdb, which the caller keeps and closes after Close.
func New(ctx context.Context, rdb redis.UniversalClient, log *slog.Logger) *Hub {
	if log == nil {
		log = slog.Default()
	}
	h := &Hub{rdb: rdb, ps: rdb.Subscribe(context.WithoutCancel(ctx)), log: log, subs: map[string]map[chan []byte]struct{}{}, done: make(chan struct{})}
	go h.run()
	return h
}

func (h *Hub) run() {
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

// Subscribe returns a channel of the edition's messages (JSON Events), and a
// function to stop. The channel is closed when the subscriber falls
// SubscriberBuffer messages behind or stops.
func (h *Hub) Subscribe(ctx context.Context, editionID string) (<-chan []byte, func(), error) {
	name := editionChannel(editionID)
	ch := make(chan []byte, SubscriberBuffer)
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

func (h *Hub) remove(name string, ch chan []byte) {
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

// Close ends the subscription; streams see their channels closed.
func (h *Hub) Close() {
	_ = h.ps.Close()
	<-h.done
}
