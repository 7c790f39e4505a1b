package chaos

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestSIGTERMFinishesOrHandsBack sends SIGTERM to a worker in the middle of
// a batch. With time enough (finishes) the worker completes its batches
// before it exits; without (hands back: the translation server holds the
// batch past --shutdown-timeout) it puts them back on the queue and exits,
// and another worker does them. Either way every edition reaches review,
// each segment drafted once, and the worker exits with status 0.
func TestSIGTERMFinishesOrHandsBack(t *testing.T) {
	for _, tc := range []struct {
		name string
		// openAfterExit: the held batch is released only once the
		// stopped worker has exited, so it must have handed it back.
		openAfterExit bool
		second        bool // a second worker runs
	}{
		{name: "finishes", openAfterExit: false, second: false},
		{name: "hands back", openAfterExit: true, second: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mt := newSlowMT(t, nil, true)
			c := newCluster(t, clusterOpts{mt: mt})
			a := c.worker("worker-a", "--shutdown-timeout", "3s")
			if _, err := c.ingest("sigterm", testenv.Seeds(t)[0], "SIGTERM run."); err != nil {
				t.Fatal(err)
			}
			select {
			case <-mt.arrived: // worker-a is in the middle of a batch
			case <-time.After(60 * time.Second):
				t.Fatal("no translation request reached the server within a minute")
			}
			if tc.second {
				c.worker("worker-b")
			}
			a.signal(syscall.SIGTERM)
			if !tc.openAfterExit {
				mt.open()
			}
			exited := make(chan error, 1)
			go func() { exited <- a.wait() }()
			select {
			case err := <-exited:
				if err != nil {
					t.Errorf("worker-a after SIGTERM: %v, want exit status 0", err)
				}
			case <-time.After(60 * time.Second):
				t.Fatal("worker-a still running a minute after SIGTERM")
			}
			if !tc.openAfterExit {
				// It finished the batch it had before exiting.
				if n := c.count(`SELECT COUNT(*) FROM segments WHERE status = 'draft'`); n == 0 {
					t.Errorf("worker-a exited without finishing its batch: no segment drafted")
				}
			}
			mt.open()
			if !tc.second {
				// Whatever worker-a did not take is still queued: a
				// worker started now does it.
				c.worker("worker-b")
			}
			testenv.Eventually(t, 60*time.Second, func() (bool, string) {
				eds := c.count(`SELECT COUNT(*) FROM editions`)
				left := c.count(`SELECT COUNT(*) FROM editions WHERE status <> 'in_review'`)
				return eds == 2 && left == 0, fmt.Sprintf("%d editions, %d not in review", eds, left)
			})
			c.checkDraftedOnce(0)
			t.Logf("%s: %d segments drafted once, %d translation requests", tc.name, c.count(`SELECT COUNT(*) FROM segments`), mt.requests.Load())
		})
	}
}
