-- Append-only, tamper-evident log of police actions: each row's hash covers the previous row's hash, and
-- prev_id is unique, so two writers cannot both extend the chain from the same row.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	prev_id INTEGER UNIQUE,
	at TEXT NOT NULL,
	user_id TEXT,
	username TEXT,
	action TEXT NOT NULL,
	case_id TEXT,
	detail TEXT,
	ip_hash TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_log_case ON audit_log (case_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
