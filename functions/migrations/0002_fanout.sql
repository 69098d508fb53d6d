-- One fan-out job per (case message, shard). Progress is the keyset cursor inside the covering's ranges, so a
-- retried job resumes where it stopped instead of starting again.
CREATE TABLE fanout_jobs (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('alert', 'update', 'resolved', 'cancelled')),
	shard TEXT NOT NULL,
	lat REAL NOT NULL,
	lon REAL NOT NULL,
	radius_km REAL NOT NULL,
	-- A radius step alerts only the ring between the previous radius and the new one.
	inner_radius_km REAL NOT NULL DEFAULT 0,
	exercise INTEGER NOT NULL DEFAULT 0,
	-- The officer's text for updates, resolution and cancellation.
	text TEXT,
	ranges TEXT NOT NULL,
	range_index INTEGER NOT NULL DEFAULT 0,
	cursor_geohash TEXT NOT NULL DEFAULT '',
	cursor_id TEXT NOT NULL DEFAULT '',
	batch_seq INTEGER NOT NULL DEFAULT 0,
	selected INTEGER NOT NULL DEFAULT 0,
	rows_read INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL CHECK (status IN ('running', 'done')),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX fanout_jobs_case ON fanout_jobs (case_id);

-- One row per send batch (≤ 100 devices): who it was for and how it went. D1 is single-threaded, so never one
-- write per recipient.
CREATE TABLE send_batches (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('alert', 'update', 'resolved', 'cancelled')),
	job_id TEXT NOT NULL,
	recipients TEXT NOT NULL,
	selected INTEGER NOT NULL,
	delivered INTEGER NOT NULL DEFAULT 0,
	gone INTEGER NOT NULL DEFAULT 0,
	failed INTEGER NOT NULL DEFAULT 0,
	retried INTEGER NOT NULL DEFAULT 0,
	failure_reasons TEXT,
	first_delivered_at TEXT,
	last_delivered_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX send_batches_case ON send_batches (case_id, kind);

-- What the dead-letter consumer received: messages that failed every retry.
CREATE TABLE dead_letters (
	id INTEGER PRIMARY KEY,
	queue TEXT NOT NULL,
	body TEXT NOT NULL,
	attempts INTEGER NOT NULL,
	created_at TEXT NOT NULL
);

-- Operational switches, e.g. the admins' pause of all sending.
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
