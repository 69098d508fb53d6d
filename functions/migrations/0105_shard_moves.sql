-- Issue 23: moving a geohash prefix from one subscriber database to another while alerts run. The routing table
-- lives in the case database; the shard map (functions/db/shards.ts) lays its rows over SUBSCRIBER_SHARDS, the
-- latest row per prefix winning. States, in order: copy → dual → switched → delete → done (or, before the switch,
-- rollback → cancelled); functions/db/shard-routing.ts says which database reads and writes in each.
CREATE TABLE shard_moves (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	prefix TEXT NOT NULL,
	from_shard TEXT NOT NULL,
	to_shard TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('copy', 'dual', 'switched', 'delete', 'done', 'rollback', 'cancelled')),
	-- Keyset cursor of the pass under way (copy, verify, delete or clean): the last (geohash, subscription_id) done.
	cursor_geohash TEXT NOT NULL DEFAULT '',
	cursor_id TEXT NOT NULL DEFAULT '',
	copied INTEGER NOT NULL DEFAULT 0,
	-- Rows the verify pass and the copy's re-checks had to mend: writes that raced the copy.
	mended INTEGER NOT NULL DEFAULT 0,
	deleted INTEGER NOT NULL DEFAULT 0,
	-- When the current state began: the next waits out requests that read the routing before it.
	state_at TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
-- One move at a time (the shard map orders dual writes source first, which one move keeps simple).
CREATE UNIQUE INDEX shard_moves_one_active ON shard_moves ((state IN ('done', 'cancelled'))) WHERE state NOT IN ('done', 'cancelled');
