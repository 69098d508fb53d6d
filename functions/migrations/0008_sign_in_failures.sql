-- Failed sign-ins per account + client address (hashed), for growing delays instead of a lock-out.
CREATE TABLE sign_in_failures (
	bucket TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	last_at INTEGER NOT NULL
) WITHOUT ROWID;
