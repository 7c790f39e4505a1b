-- +goose Up
-- Quality checks (internal/qa). Each segment keeps how many errors and
-- warnings its findings (the qa column) hold, so an edition's counts and the
-- publish gate are one SUM; an approval that overrides errors keeps the
-- translator's reason in the segment's history; an editor's decision to
-- publish an edition with standing errors is kept with its reason.
ALTER TABLE segments ADD COLUMN qa_errors INTEGER NOT NULL DEFAULT 0;
ALTER TABLE segments ADD COLUMN qa_warnings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE segment_history ADD COLUMN reason TEXT NOT NULL DEFAULT '';

CREATE TABLE qa_overrides (
    id         TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id),
    revision   INTEGER NOT NULL,
    errors     INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    by_id      TEXT NOT NULL DEFAULT '',
    created_at {{.TS}} NOT NULL
);
CREATE INDEX qa_overrides_edition ON qa_overrides (edition_id, created_at);

-- +goose Down
DROP TABLE qa_overrides;
ALTER TABLE segment_history DROP COLUMN reason;
ALTER TABLE segments DROP COLUMN qa_warnings;
ALTER TABLE segments DROP COLUMN qa_errors;
