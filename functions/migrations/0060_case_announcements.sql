-- The durable seam (issue 18): a case change's announcement is written in the same batch() as the change, so a
-- Worker that dies between commit and announce leaves a row here that the queue or the Cron delivers later.
CREATE TABLE case_announcements (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL,
	-- The CaseChange as JSON (functions/case-changes/types.ts).
	change TEXT NOT NULL,
	-- The announcement's time: the `at` of push and live alike, and part of a follow-up fan-out job's id.
	at TEXT NOT NULL,
	created_at TEXT NOT NULL,
	-- Whoever delivers holds the row until then; a delivery that died lets it lapse.
	lease_until TEXT,
	attempts INTEGER NOT NULL DEFAULT 0,
	last_error TEXT,
	delivered_at TEXT
);
CREATE INDEX case_announcements_undelivered ON case_announcements (created_at) WHERE delivered_at IS NULL;

-- One row per listener that has heard an announcement: a repeated delivery skips it.
CREATE TABLE case_announcement_receipts (
	announcement_id TEXT NOT NULL,
	listener TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (announcement_id, listener)
) WITHOUT ROWID;
