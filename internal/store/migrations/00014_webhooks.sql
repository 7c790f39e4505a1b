-- +goose Up
-- Webhook subscriptions consumers can build on: language filters, payload
-- style, a description, secret rotation with an overlap, and health (last
-- success, consecutive failures, since when failing, why disabled).
-- {{.TS}} is TIMESTAMP on SQLite and TIMESTAMPTZ on PostgreSQL, as in 00001.
ALTER TABLE webhooks ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE webhooks ADD COLUMN payload TEXT NOT NULL DEFAULT 'thin';
ALTER TABLE webhooks ADD COLUMN description TEXT NOT NULL DEFAULT '';
-- During a rotation the previous secret also signs every call until
-- old_secret_until; after that it is ignored (and cleared on the next rotation).
ALTER TABLE webhooks ADD COLUMN old_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE webhooks ADD COLUMN old_secret_until {{.TS}};
ALTER TABLE webhooks ADD COLUMN last_success_at {{.TS}};
ALTER TABLE webhooks ADD COLUMN failing_since {{.TS}};
ALTER TABLE webhooks ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE webhooks ADD COLUMN disabled_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE webhooks ADD COLUMN disabled_at {{.TS}};

-- An event's edition language, for subscriptions filtered by language.
ALTER TABLE events ADD COLUMN lang TEXT NOT NULL DEFAULT '';

-- When a failed delivery is tried next: a later delivery of the same
-- edition waits until then.
ALTER TABLE deliveries ADD COLUMN next_attempt_at {{.TS}};

-- Deliveries of one webhook for one edition go out in event order: the
-- lookup of the earliest pending one goes from the edition's events to
-- their deliveries through these.
CREATE INDEX deliveries_event ON deliveries (event_id, webhook_id);
CREATE INDEX events_edition ON events (edition_id, created_at);

-- +goose Down
DROP INDEX events_edition;
DROP INDEX deliveries_event;
ALTER TABLE events DROP COLUMN lang;
ALTER TABLE deliveries DROP COLUMN next_attempt_at;
ALTER TABLE webhooks DROP COLUMN disabled_at;
ALTER TABLE webhooks DROP COLUMN disabled_reason;
ALTER TABLE webhooks DROP COLUMN consecutive_failures;
ALTER TABLE webhooks DROP COLUMN failing_since;
ALTER TABLE webhooks DROP COLUMN last_success_at;
ALTER TABLE webhooks DROP COLUMN old_secret_until;
ALTER TABLE webhooks DROP COLUMN old_secret;
ALTER TABLE webhooks DROP COLUMN description;
ALTER TABLE webhooks DROP COLUMN payload;
ALTER TABLE webhooks DROP COLUMN languages;
