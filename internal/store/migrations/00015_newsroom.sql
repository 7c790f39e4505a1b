-- +goose Up
-- The newsroom: headlines, duplicate detection and safe retries of POST.
-- {{.TS}} is TIMESTAMP on SQLite and TIMESTAMPTZ on PostgreSQL, as in 00001.

-- headline_missing marks an article whose source had no headline: its title
-- is the first sentence and the dashboard asks an editor for one.
ALTER TABLE articles ADD COLUMN headline_missing BOOLEAN NOT NULL DEFAULT FALSE;
-- byline names the source's author, when it has one.
ALTER TABLE articles ADD COLUMN byline TEXT NOT NULL DEFAULT '';
-- content_hash is the SHA-256 of the first revision's format and body, so
-- that ingesting the same content again is recognised.
ALTER TABLE articles ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_content_hash ON articles (content_hash);

-- One row per Idempotency-Key a client sent with a POST: the first answer is
-- replayed to every retry with the same key and request.
CREATE TABLE idempotency_keys (
    principal    TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL, -- 0 while the first request runs
    location     TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    created_at   {{.TS}} NOT NULL,
    PRIMARY KEY (principal, idem_key)
);

-- Feeds of English originals that editors registered. A poll is claimed by
-- moving next_poll_at (compare-and-set), so however many schedulers run,
-- one poll per source and slot happens. failures counts consecutive failed
-- polls (the backoff); last_error says why the last one failed.
CREATE TABLE sources (
    id               TEXT PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,
    interval_seconds INTEGER NOT NULL,
    targets          TEXT NOT NULL DEFAULT '[]',
    etag             TEXT NOT NULL DEFAULT '',
    last_modified    TEXT NOT NULL DEFAULT '',
    next_poll_at     {{.TS}} NOT NULL,
    last_polled_at   {{.TS}},
    failures         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    items            INTEGER NOT NULL DEFAULT 0,
    created_by       TEXT NOT NULL DEFAULT '',
    created_at       {{.TS}} NOT NULL
);

-- The items a source has delivered, by every key that identifies one
-- (guid:…, link:…, hash:…): an item seen under any key is not ingested
-- again.
CREATE TABLE source_items (
    source_id  TEXT NOT NULL REFERENCES sources (id),
    item_key   TEXT NOT NULL,
    article_id TEXT NOT NULL DEFAULT '',
    created_at {{.TS}} NOT NULL,
    PRIMARY KEY (source_id, item_key)
);

-- +goose Down
DROP TABLE source_items;
DROP TABLE sources;
DROP TABLE idempotency_keys;
DROP INDEX articles_content_hash;
ALTER TABLE articles DROP COLUMN content_hash;
ALTER TABLE articles DROP COLUMN headline_missing;
ALTER TABLE articles DROP COLUMN byline;
