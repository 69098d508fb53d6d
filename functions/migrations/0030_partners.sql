-- Partner webhooks (issue 10): partners an admin registers, the events sent to them and every delivery attempt.
CREATE TABLE partners (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	url TEXT NOT NULL,
	-- JSON { circles: [{ lat, lon, radiusKm }], geohashes: [prefix] }: read whole and matched in the Worker.
	area TEXT NOT NULL,
	-- JSON list of event types ("case.alert", …).
	events TEXT NOT NULL,
	-- 1 = receives exercises only; 0 = receives real cases only.
	test INTEGER NOT NULL DEFAULT 0 CHECK (test IN (0, 1)),
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	-- Standard Webhooks signing secret ("whsec_" + base64). The key must be readable to sign with, so it is
	-- stored as is; it is shown to an admin once and never again by the API.
	secret TEXT NOT NULL,
	-- After a rotation the old secret also signs until this time, so a partner can switch without losing events.
	previous_secret TEXT,
	previous_secret_until TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- One row per case change sent to partners: the body is built once and signed per attempt.
CREATE TABLE webhook_events (
	id TEXT PRIMARY KEY,
	type TEXT NOT NULL,
	case_id TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX webhook_events_created ON webhook_events (created_at);

-- The per-partner delivery log: one row per attempt.
CREATE TABLE webhook_deliveries (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	partner_id TEXT NOT NULL,
	event_id TEXT NOT NULL,
	type TEXT NOT NULL,
	case_id TEXT NOT NULL,
	attempt INTEGER NOT NULL,
	outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed', 'refused')),
	status_code INTEGER,
	error TEXT,
	at TEXT NOT NULL,
	next_attempt_at TEXT
);
CREATE INDEX webhook_deliveries_partner ON webhook_deliveries (partner_id, id);
