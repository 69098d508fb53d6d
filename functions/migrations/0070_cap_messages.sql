-- Every CAP message a case sent, kept as it was sent: CAP 1.2 §3.2.1 lets an identifier name one message only,
-- so the feeds render each message from the case as it stood then (`snapshot`, the case row as JSON), never from
-- the case as it stands now. `key` makes a retried announcement one message (the fan-out job id's rule).
CREATE TABLE cap_messages (
	case_id TEXT NOT NULL,
	seq INTEGER NOT NULL,
	key TEXT NOT NULL,
	version INTEGER NOT NULL,
	-- 0, or 2, 3 … for a later message at the same case version (a plain update does not bump it).
	repeat INTEGER NOT NULL DEFAULT 0,
	kind TEXT NOT NULL CHECK (kind IN ('alert', 'update', 'resolved', 'cancelled')),
	radius_step INTEGER NOT NULL DEFAULT 0,
	radius_km REAL NOT NULL,
	text TEXT,
	sent_at TEXT NOT NULL,
	snapshot TEXT NOT NULL,
	PRIMARY KEY (case_id, seq),
	UNIQUE (case_id, key)
);
