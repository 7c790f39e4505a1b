// Package store is pressroom's source of truth: articles, editions, segments,
// published versions, events (the outbox), webhooks and their deliveries,
// users and tokens, in SQLite (the embedded default) or PostgreSQL.
//
// Both databases share one schema and one set of queries written with '?'
// placeholders; Queries rebinds them for PostgreSQL. Every state change and the
// event it causes are written in one transaction (Store.InTx).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/derrors"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the pure-Go "sqlite" driver
)

// Dialect names the database in use.
type Dialect string

// Supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// ErrNotFound is returned when a looked-up row does not exist. It is the
// error kind derrors.NotFound, so it needs no translating on the way up.
var ErrNotFound = derrors.NotFound

// ErrConflict is returned when a row changed since it was read (version
// checks) or a unique value is taken: the kind derrors.Conflict.
var ErrConflict = derrors.Conflict

// Store is an open database.
type Store struct {
	*Queries
	db *sql.DB
	// writer admits one SQLite write transaction at a time, in Go: SQLite
	// has one writer anyway, and transactions queued here take the lock the
	// moment it is free, where SQLite's busy handler has them sleep and
	// retry (1 ms, 2 ms, … up to 100 ms), leaving the lock idle under
	// load. It is a one-slot channel, not a sync.Mutex, so that a wait
	// ends with the caller's context, or after writerWait as SQLite's own
	// busy timeout would, instead of never (a nested InTx would otherwise
	// wait for itself). Unused for PostgreSQL.
	writer chan struct{}
}

// writerWait is how long an SQLite write transaction waits for the one
// before it: the busy_timeout of the connection string.
const writerWait = 20 * time.Second

// ErrBusy is returned when an SQLite write transaction waited writerWait
// for the writer; IsContention reports it.
var ErrBusy = errors.New("database is busy: another write transaction held it for " + writerWait.String())

// Open opens the database named by databaseURL (postgres://… or
// postgresql://…), or, when it is empty, the SQLite file pressroom.db in
// dataDir, creating the directory. It does not migrate; call Migrate.
func Open(ctx context.Context, databaseURL, dataDir string) (*Store, error) {
	var (
		db      *sql.DB
		dialect Dialect
		err     error
	)
	switch {
	case strings.HasPrefix(databaseURL, "postgres://"), strings.HasPrefix(databaseURL, "postgresql://"):
		dialect = Postgres
		db, err = sql.Open("pgx", databaseURL)
		if err == nil {
			db.SetMaxOpenConns(20)
			db.SetConnMaxIdleTime(5 * time.Minute)
		}
	case databaseURL == "":
		dialect = SQLite
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
		db, err = sql.Open("sqlite", sqliteDSN(filepath.Join(dataDir, "pressroom.db")))
		if err == nil {
			// One writer at a time is SQLite's rule; _txlock=immediate takes the
			// write lock at BEGIN so transactions queue on busy_timeout instead
			// of failing with SQLITE_BUSY when they upgrade.
			db.SetMaxOpenConns(8)
		}
	default:
		return nil, fmt.Errorf("unsupported database URL %q: want postgres://… (or nothing, for SQLite under --data)", redact(databaseURL))
	}
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", dialect, err)
	}
	return &Store{Queries: &Queries{x: db, dialect: dialect}, db: db, writer: make(chan struct{}, 1)}, nil
}

func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=busy_timeout(20000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32768)&_txlock=immediate&_time_format=sqlite"
}

// redact hides a password in a URL for error messages.
func redact(u string) string {
	if i := strings.Index(u, "@"); i > 0 {
		if j := strings.Index(u, "://"); j > 0 && j < i {
			return u[:j+3] + "…" + u[i:]
		}
	}
	return u
}

// Dialect reports which database is open.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB exposes the handle for health checks and tests.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// InTx runs fn in a transaction and commits it if fn returns nil.
func (s *Store) InTx(ctx context.Context, fn func(q *Queries) error) error {
	if s.dialect == SQLite {
		wait := time.NewTimer(writerWait)
		select {
		case s.writer <- struct{}{}:
			wait.Stop()
		case <-ctx.Done():
			wait.Stop()
			return fmt.Errorf("wait for the database: %w", ctx.Err())
		case <-wait.C:
			return ErrBusy
		}
		defer func() { <-s.writer }()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(&Queries{x: tx, dialect: s.dialect}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// execer is what *sql.DB and *sql.Tx have in common.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Queries runs the typed queries, on the database or inside a transaction.
type Queries struct {
	x       execer
	dialect Dialect
}

// rebind turns '?' placeholders into $1, $2… for PostgreSQL. Queries in this
// package never contain '?' inside string literals.
func (q *Queries) rebind(query string) string {
	if q.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (q *Queries) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := checkArgs(args); err != nil {
		return nil, err
	}
	return q.x.ExecContext(ctx, q.rebind(query), args...)
}

func (q *Queries) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := checkArgs(args); err != nil {
		return nil, err
	}
	return q.x.QueryContext(ctx, q.rebind(query), args...)
}

func (q *Queries) queryRow(ctx context.Context, query string, args ...any) row {
	if err := checkArgs(args); err != nil {
		return row{err: err}
	}
	return row{r: q.x.QueryRowContext(ctx, q.rebind(query), args...)}
}

// row is a *sql.Row, or the error checkArgs found before sending it.
type row struct {
	r   *sql.Row
	err error
}

// Scan is (*sql.Row).Scan, or the argument error.
func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.r.Scan(dest...)
}

// execOne runs a statement that must change exactly one row; zero rows is
// ErrConflict (the caller's precondition no longer holds).
func (q *Queries) execOne(ctx context.Context, query string, args ...any) error {
	res, err := q.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return ErrConflict
	}
	return nil
}

// now is the store's clock: UTC, truncated to microseconds so both databases
// round-trip it exactly.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
