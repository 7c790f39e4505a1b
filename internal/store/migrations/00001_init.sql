-- +goose Up
-- One schema for SQLite and PostgreSQL. {{.TS}} is TIMESTAMP on SQLite and
-- TIMESTAMPTZ on PostgreSQL; everything else is portable SQL. Ids are ULIDs
-- made by the application, JSON lives in TEXT columns.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    source_lang   TEXT NOT NULL,
    targets       TEXT NOT NULL,
    canonical_url TEXT NOT NULL DEFAULT '',
    source_date   TEXT NOT NULL DEFAULT '',
    revision      INTEGER NOT NULL,
    status        TEXT NOT NULL,
    created_at    {{.TS}} NOT NULL,
    updated_at    {{.TS}} NOT NULL
);
CREATE INDEX articles_status ON articles (status);

CREATE TABLE revisions (
    article_id TEXT NOT NULL REFERENCES articles (id),
    revision   INTEGER NOT NULL,
    format     TEXT NOT NULL,
    body       TEXT NOT NULL,
    doc        TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_at {{.TS}} NOT NULL,
    PRIMARY KEY (article_id, revision)
);

CREATE TABLE blocks (
    article_id TEXT NOT NULL REFERENCES articles (id),
    revision   INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    level      INTEGER NOT NULL DEFAULT 0,
    ordered    BOOLEAN NOT NULL DEFAULT FALSE,
    tags       TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (article_id, revision, idx)
);

CREATE TABLE editions (
    id           TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL REFERENCES articles (id),
    lang         TEXT NOT NULL,
    status       TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 0,
    publish_at   {{.TS}},
    published_at {{.TS}},
    created_at   {{.TS}} NOT NULL,
    updated_at   {{.TS}} NOT NULL,
    UNIQUE (article_id, lang)
);
CREATE INDEX editions_status ON editions (status);

CREATE TABLE segments (
    id         TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id),
    revision   INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    block      INTEGER NOT NULL,
    source     TEXT NOT NULL,
    lead       TEXT NOT NULL DEFAULT '',
    trail      TEXT NOT NULL DEFAULT '',
    target     TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    origin     TEXT NOT NULL DEFAULT '',
    engine     TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '[]',
    qa         TEXT NOT NULL DEFAULT '[]',
    matches    TEXT NOT NULL DEFAULT '[]',
    version    INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at {{.TS}} NOT NULL,
    UNIQUE (edition_id, revision, idx)
);
CREATE INDEX segments_edition ON segments (edition_id, revision, status);

CREATE TABLE edition_versions (
    edition_id TEXT NOT NULL REFERENCES editions (id),
    version    INTEGER NOT NULL,
    revision   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    html       TEXT NOT NULL,
    markdown   TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_at {{.TS}} NOT NULL,
    PRIMARY KEY (edition_id, version)
);

CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    article_id TEXT NOT NULL DEFAULT '',
    edition_id TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL,
    created_at {{.TS}} NOT NULL
);
CREATE INDEX events_created ON events (created_at);

CREATE TABLE webhooks (
    id         TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    events     TEXT NOT NULL,
    secret     TEXT NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_by TEXT NOT NULL DEFAULT '',
    created_at {{.TS}} NOT NULL
);

CREATE TABLE deliveries (
    id           TEXT PRIMARY KEY,
    webhook_id   TEXT NOT NULL REFERENCES webhooks (id),
    event_id     TEXT NOT NULL REFERENCES events (id),
    status       TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_code    INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   {{.TS}} NOT NULL,
    updated_at   {{.TS}} NOT NULL
);
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, created_at);
CREATE INDEX deliveries_status ON deliveries (status);

CREATE TABLE delivery_attempts (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id),
    attempt     INTEGER NOT NULL,
    code        INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    at          {{.TS}} NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    langs         TEXT NOT NULL DEFAULT '[]',
    ui_lang       TEXT NOT NULL DEFAULT '',
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    {{.TS}} NOT NULL
);

CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    hash         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL,
    langs        TEXT NOT NULL DEFAULT '[]',
    user_id      TEXT NOT NULL DEFAULT '',
    revoked      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   {{.TS}} NOT NULL,
    last_used_at {{.TS}}
);

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

-- +goose Down
DROP TABLE tm_units;
DROP TABLE tokens;
DROP TABLE users;
DROP TABLE delivery_attempts;
DROP TABLE deliveries;
DROP TABLE webhooks;
DROP TABLE events;
DROP TABLE edition_versions;
DROP TABLE segments;
DROP TABLE editions;
DROP TABLE blocks;
DROP TABLE revisions;
DROP TABLE articles;
