package web

import (
	"fmt"
	"net/http"
	"time"
)

// sseHeartbeat keeps proxies from closing an idle event stream.
const sseHeartbeat = 15 * time.Second

// sseFallbackLife ends a stream before the server's write timeout when the
// deadline cannot be lifted; the browser reconnects and resyncs.
const sseFallbackLife = 50 * time.Second

// events streams an edition's live updates as server-sent events: each
// message published on the edition's Redis channel becomes one "data:" line.
func (s *Server) events(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	msgs, stop, err := s.live.Subscribe(r.Context(), e.ID)
	if err != nil {
		return fmt.Errorf("subscribe to edition %s: %w", e.ID, err)
	}
	defer stop()
	rc := http.NewResponseController(w)
	var life <-chan time.Time
	if err := rc.SetWriteDeadline(time.Time{}); err != nil {
		t := time.NewTimer(sseFallbackLife)
		defer t.Stop()
		life = t.C
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 2000\n: connected\n\n"); err != nil {
		return nil
	}
	if err := rc.Flush(); err != nil {
		return nil
	}
	beat := time.NewTicker(sseHeartbeat)
	defer beat.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return nil
		case <-life:
			return nil
		case msg, ok := <-msgs:
			if !ok {
				return nil // dropped as too slow: the browser reconnects and resyncs
			}
			_, err = fmt.Fprintf(w, "data: %s\n\n", msg)
		case <-beat.C:
			_, err = fmt.Fprint(w, ": ping\n\n")
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return nil // the browser went away
		}
	}
}
