-- Cases as police publish them. Public reads use only published, non-exercise rows.
CREATE TABLE cases (
	id TEXT PRIMARY KEY,
	status TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'resolved', 'cancelled')),
	exercise INTEGER NOT NULL DEFAULT 0 CHECK (exercise IN (0, 1)),
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
	child_name TEXT NOT NULL,
	age INTEGER NOT NULL,
	sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
	height_cm INTEGER,
	clothing TEXT,
	description TEXT,
	contact_phone TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	place_name TEXT NOT NULL,
	lat REAL NOT NULL,
	lon REAL NOT NULL,
	geohash TEXT NOT NULL,
	radius_km REAL NOT NULL,
	radius_schedule TEXT,
	photo_key TEXT,
	circumstance TEXT,
	outcome TEXT,
	created_by TEXT,
	approved_by TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	published_at TEXT,
	resolved_at TEXT,
	cancelled_at TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
-- /api/alerts filters published cases by a latitude band before the exact distance check.
CREATE INDEX cases_published_lat ON cases (status, exercise, lat);

-- Updates and state changes shown on the case page, oldest first.
CREATE TABLE case_events (
	id INTEGER PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	kind TEXT NOT NULL CHECK (kind IN ('update', 'resolved', 'cancelled')),
	text TEXT NOT NULL,
	public INTEGER NOT NULL DEFAULT 1,
	created_by TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- One row per (region, device). The row is self-contained (endpoint, keys, the device's whole region list) so
-- that a shard keyed by geohash prefix can answer a fan-out alone (DESIGN.md "Scale"). Never coordinates.
CREATE TABLE subscription_regions (
	geohash TEXT NOT NULL CHECK (length(geohash) = 5),
	subscription_id TEXT NOT NULL,
	endpoint TEXT NOT NULL,
	p256dh TEXT NOT NULL,
	auth TEXT NOT NULL,
	lang TEXT NOT NULL,
	regions TEXT NOT NULL,
	officer_user_id TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (geohash, subscription_id)
) WITHOUT ROWID;
CREATE INDEX subscription_regions_by_subscription ON subscription_regions (subscription_id);

-- Fixed-window counters: isolates are short-lived, so limits must live in the database.
CREATE TABLE rate_limits (
	bucket TEXT NOT NULL,
	window_start INTEGER NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (bucket, window_start)
) WITHOUT ROWID;

CREATE TABLE users (
	id TEXT PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('officer', 'approver', 'admin')),
	password_hash TEXT,
	disabled INTEGER NOT NULL DEFAULT 0,
	demo INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
