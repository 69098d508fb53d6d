-- Tips the public send about a case; police triage them in the console. lat/lon say where the child was seen
-- (not where the tipster lives) and are rounded to ~100 m on the way in. Contact is whatever the tipster chose
-- to leave; the client address is kept only as a keyed hash, to trace abuse.
CREATE TABLE tips (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases (id),
	-- Short code read out on the phone ("K7Q-4MD"), so a caller and an officer can name the same tip.
	reference TEXT NOT NULL UNIQUE,
	message TEXT NOT NULL,
	seen_at TEXT,
	lat REAL,
	lon REAL,
	contact TEXT,
	lang TEXT NOT NULL DEFAULT 'zh-CN',
	status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewing', 'useful', 'dismissed')),
	ip_hash TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	reviewed_by TEXT,
	CHECK ((lat IS NULL) = (lon IS NULL))
);
-- The inbox: one case's tips, newest first.
CREATE INDEX tips_case_created ON tips (case_id, created_at);
-- The case list's badge counts untriaged tips of every case in one grouped scan of this (small) index.
CREATE INDEX tips_new_by_case ON tips (case_id) WHERE status = 'new';
