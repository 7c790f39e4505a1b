// Package chaos holds the fault tests of a whole pressroom deployment, run
// as real processes: the pressroom binary built for the test, its own
// redis-server, a PostgreSQL database of its own, `serve --workers=0` and
// several `pressroom worker` processes. The tests kill workers (SIGKILL) and
// stop them (SIGTERM) mid-batch, restart Redis with its data lost and make
// a webhook receiver fail, then check from the database, the queue and the
// receiver that every piece of work was done, once.
//
// The package has no code of its own besides this comment: everything is
// in its tests (go test ./internal/chaos/). PRESSROOM_CHAOS_DURATION sets how
// long the chaos test injects faults (default 40s); PRESSROOM_CHAOS_SEED
// replays a run.
package chaos
