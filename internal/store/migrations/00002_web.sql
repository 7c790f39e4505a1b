-- +goose Up
-- The translators' web UI: login sessions, each segment's history and
-- comments, and an edition's review deadline. {{.TS}} is TIMESTAMP on SQLite
-- and TIMESTAMPTZ on PostgreSQL, as in 00001.

-- A session is stored by the SHA-256 of its cookie value, so a copy of the
-- database does not let anyone log in. csrf is the session's synchronizer
-- token, echoed in every form and fetch.
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    csrf       TEXT NOT NULL,
    created_at {{.TS}} NOT NULL,
    seen_at    {{.TS}} NOT NULL,
    expires_at {{.TS}} NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- One row per human change of a segment (edit or approval), written in the
-- transaction that made it. by_id is a user id (UI) or a token id (API).
CREATE TABLE segment_history (
    id         TEXT PRIMARY KEY,
    segment_id TEXT NOT NULL,
    edition_id TEXT NOT NULL,
    action     TEXT NOT NULL,
    previous   TEXT NOT NULL DEFAULT '',
    target     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    by_id      TEXT NOT NULL DEFAULT '',
    created_at {{.TS}} NOT NULL
);
CREATE INDEX segment_history_segment ON segment_history (segment_id, created_at);

CREATE TABLE segment_comments (
    id         TEXT PRIMARY KEY,
    segment_id TEXT NOT NULL,
    edition_id TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at {{.TS}} NOT NULL
);
CREATE INDEX segment_comments_segment ON segment_comments (segment_id, created_at);
CREATE INDEX segment_comments_edition ON segment_comments (edition_id);

-- The review deadline editors may set; the queue is ordered by it, then age.
ALTER TABLE editions ADD COLUMN due_at {{.TS}};

-- +goose Down
ALTER TABLE editions DROP COLUMN due_at;
DROP TABLE segment_comments;
DROP TABLE segment_history;
DROP TABLE sessions;
