-- +goose Up
-- Translation memory with context and a fuzzy-match index (see package tm).
-- Template variables as in 00001, plus BIGINT (64-bit integer), BLOB (bytes),
-- SERIAL (a generated integer key that is never reused) and CLUSTERED
-- (WITHOUT ROWID on SQLite: rows stored in primary-key order).

-- One entry per source, context and language pair. source_key hashes the
-- source (exact lookup), context_key the previous and next source
-- sentences (in-context lookup); the text is compared on read, so a hash
-- collision never passes for a match. The integer id is what the index
-- stores. indexed is false for entries still to be added to the index
-- (those carried over from tm_units).
CREATE TABLE tm_entries (
    id          {{.SERIAL}},
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source_key  {{.BIGINT}} NOT NULL,
    context_key {{.BIGINT}} NOT NULL,
    source      TEXT NOT NULL,
    target      TEXT NOT NULL,
    prev_source TEXT NOT NULL DEFAULT '',
    next_source TEXT NOT NULL DEFAULT '',
    article_id  TEXT NOT NULL DEFAULT '',
    segment_id  TEXT NOT NULL DEFAULT '',
    origin      TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL DEFAULT '',
    updated_by  TEXT NOT NULL DEFAULT '',
    created_at  {{.TS}} NOT NULL,
    updated_at  {{.TS}} NOT NULL,
    indexed     BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (source_lang, target_lang, source_key, context_key)
);
CREATE INDEX tm_entries_pair_updated ON tm_entries (source_lang, target_lang, updated_at);
CREATE INDEX tm_entries_unindexed ON tm_entries (id) WHERE NOT indexed;

-- The fuzzy index: for every gram (a hashed word of a pair's sources) its
-- document frequency and the newest ids of entries holding it (tail, at
-- most 256), and, in tm_postings, the older ids in sealed chunks of 256
-- keyed by their first id. Both are varint-encoded id deltas.
CREATE TABLE tm_grams (
    gram {{.BIGINT}} PRIMARY KEY,
    df   INTEGER NOT NULL,
    tail {{.BLOB}} NOT NULL
) {{.CLUSTERED}};

CREATE TABLE tm_postings (
    gram {{.BIGINT}} NOT NULL,
    lo   {{.BIGINT}} NOT NULL,
    ids  {{.BLOB}} NOT NULL,
    PRIMARY KEY (gram, lo)
) {{.CLUSTERED}};

INSERT INTO tm_entries (source_lang, target_lang, source_key, context_key, source, target, origin, created_by, updated_by,
    created_at, updated_at, indexed)
SELECT source_lang, target_lang, -ROW_NUMBER() OVER (ORDER BY id), 0, source, target, origin, created_by, created_by,
    created_at, updated_at, FALSE
FROM tm_units;
DROP TABLE tm_units;

-- +goose Down
CREATE TABLE tm_units (
    id          TEXT PRIMARY KEY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    source      TEXT NOT NULL,
    target      TEXT NOT NULL,
    origin      TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  {{.TS}} NOT NULL,
    updated_at  {{.TS}} NOT NULL,
    UNIQUE (source_lang, target_lang, source_hash)
);
DROP TABLE tm_postings;
DROP TABLE tm_grams;
DROP TABLE tm_entries;
