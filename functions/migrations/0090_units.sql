-- Police units (issue 21, API.md "Police units"): ministry → province → city → county, each with an area and
-- the widest radius it may alert on its own. A database of one force moves into one root unit and keeps every
-- row as it was: the new columns default to it, and nothing existing is rewritten.
CREATE TABLE units (
	id TEXT PRIMARY KEY,
	-- GB/T 2260 division code where one applies (the ministry has none).
	code TEXT UNIQUE,
	name TEXT NOT NULL,
	parent_id TEXT REFERENCES units (id),
	level TEXT NOT NULL CHECK (level IN ('ministry', 'province', 'city', 'county')),
	-- JSON { divisions?: [code], circles?: [{ lat, lon, radiusKm }] }: read whole and matched in the Worker.
	area TEXT NOT NULL,
	-- NULL = no limit of its own (the ministry).
	max_radius_km REAL,
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	-- Only the root has no parent, and only one root exists.
	CHECK ((parent_id IS NULL) = (id = 'root'))
);
CREATE INDEX units_parent ON units (parent_id);

-- 100000 stands for the whole country (functions/units/area.ts). The one force of an older database becomes it.
INSERT INTO units (id, code, name, parent_id, level, area, max_radius_km, created_at, updated_at)
	VALUES ('root', NULL, '公安部', NULL, 'ministry', '{"divisions":["100000"]}', NULL,
		strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- SQLite refuses ADD COLUMN with both REFERENCES and a non-NULL default while foreign keys are on; the Worker
-- only writes unit ids it has just read from `units`.
ALTER TABLE users ADD COLUMN unit_id TEXT NOT NULL DEFAULT 'root';
CREATE INDEX users_unit ON users (unit_id);

-- The unit that owns the case (its officers act, its issuer name is public) and, after a hand-over, the unit it
-- came from, whose officers keep acting on it.
ALTER TABLE cases ADD COLUMN unit_id TEXT NOT NULL DEFAULT 'root';
ALTER TABLE cases ADD COLUMN prior_unit_id TEXT;
CREATE INDEX cases_unit ON cases (unit_id, updated_at);

ALTER TABLE partners ADD COLUMN unit_id TEXT NOT NULL DEFAULT 'root';

-- The unit an audit row belongs to (the case's unit, else the actor's). Rows written before units have NULL,
-- which reads as the root; the chain hash covers the column only when it is set, so those rows verify as before.
ALTER TABLE audit_log ADD COLUMN unit_id TEXT;
CREATE INDEX audit_log_unit ON audit_log (unit_id, id);
