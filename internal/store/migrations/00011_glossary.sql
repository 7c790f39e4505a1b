-- +goose Up
-- Terminology (issue 9): a glossary per language pair, and the proper names
-- found in new articles that editors may accept as do-not-translate terms.
-- {{.TS}} is TIMESTAMP on SQLite and TIMESTAMPTZ on PostgreSQL, as in 00001.

-- One row per term. kind is preferred (source → target), do_not_translate
-- (target empty: the source stays as it is) or forbidden (target is a
-- translation that must not be used; source may be empty for a word that is
-- never acceptable). entry_key is computed by package glossary from the
-- kind and the case-folded texts, so that a source term has at most one
-- preferred or do-not-translate entry per pair, and a forbidden word is
-- listed once.
CREATE TABLE glossary_terms (
    id             TEXT PRIMARY KEY,
    source_lang    TEXT NOT NULL,
    target_lang    TEXT NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL,
    case_sensitive BOOLEAN NOT NULL DEFAULT FALSE,
    note           TEXT NOT NULL DEFAULT '',
    entry_key      TEXT NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    created_at     {{.TS}} NOT NULL,
    updated_at     {{.TS}} NOT NULL,
    UNIQUE (source_lang, target_lang, entry_key)
);

-- Names proposed as do-not-translate terms, one row per article and name.
-- status is proposed, accepted or rejected; a rejected name (same
-- source_lang and term_key) is not proposed again for later articles.
CREATE TABLE glossary_candidates (
    id          TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles (id),
    source_lang TEXT NOT NULL,
    term        TEXT NOT NULL,
    term_key    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    context     TEXT NOT NULL DEFAULT '',
    occurrences INTEGER NOT NULL DEFAULT 1,
    status      TEXT NOT NULL,
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  {{.TS}},
    created_at  {{.TS}} NOT NULL,
    UNIQUE (article_id, term_key)
);
CREATE INDEX glossary_candidates_status ON glossary_candidates (status, created_at);
CREATE INDEX glossary_candidates_key ON glossary_candidates (source_lang, term_key, status);

-- +goose Down
DROP TABLE glossary_candidates;
DROP TABLE glossary_terms;
