-- Delivery checks (issue 11): a test push counts as delivered only when the service worker reports its check id.
CREATE TABLE subscription_checks (
	id TEXT PRIMARY KEY,
	subscription_id TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('sent', 'received', 'failed')),
	detail TEXT,
	created_at TEXT NOT NULL,
	received_at TEXT
);
-- "At most 3 checks per subscription per hour" counts a subscription's recent rows.
CREATE INDEX subscription_checks_recent ON subscription_checks (subscription_id, created_at);
