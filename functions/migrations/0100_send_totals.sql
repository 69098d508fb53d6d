-- Issue 23 point 1: writes where the devices are. Each shard's fan-out records its send batches and their outcomes
-- in `send_batches` of its own shard database (the one holding those subscribers); the case database keeps only
-- these per-shard totals, one row per case × kind × shard, rolled up from the shard's batches by the Cron minute
-- (functions/fanout/roll-up.ts), not written per batch. Every database gets this migration; only the case
-- database's copy is used. `shard` is the binding name of the database holding the batches ('DB': the case
-- database itself, which also holds batches recorded before this migration and quiet-hours summaries).
CREATE TABLE send_totals (
	case_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('alert', 'update', 'resolved', 'cancelled')),
	shard TEXT NOT NULL,
	selected INTEGER NOT NULL,
	delivered INTEGER NOT NULL,
	gone INTEGER NOT NULL,
	failed INTEGER NOT NULL,
	first_delivered_at TEXT,
	last_delivered_at TEXT,
	rolled_up_at TEXT NOT NULL,
	PRIMARY KEY (case_id, kind, shard)
);
-- How far each shard's batches are rolled up: the next roll-up reads only cases whose batches changed since.
CREATE TABLE send_roll_ups (
	shard TEXT PRIMARY KEY,
	rolled_up_to TEXT NOT NULL
);
-- Per shard: the cases whose batches changed since a time (the roll-up's question).
CREATE INDEX send_batches_updated ON send_batches (updated_at);
