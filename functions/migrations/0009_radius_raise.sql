-- A radius raised by hand after publication waits here until a second officer approves it (two-person rule).
ALTER TABLE cases ADD COLUMN proposed_radius_km REAL;
ALTER TABLE cases ADD COLUMN proposed_by TEXT REFERENCES users (id);
ALTER TABLE cases ADD COLUMN proposed_at TEXT;
