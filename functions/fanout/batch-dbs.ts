import { createShardMap } from '../db/shards';
import type { Env } from '../env';

// Issue 23 point 1: a fan-out records its send batches and their outcomes where its devices are, in the shard
// database its covering job walks (functions/db/shards.ts `Shard.db`), so per-batch writes spread over the shards
// instead of all landing in the case database. A batch's database is named by the shard's binding, carried by
// the job (fanout_jobs.shard) and by every SEND message (SendQueueMessage.shard).

/** The binding name of the case database: it holds batches recorded before issue 23 and quiet-hours summaries. */
export const CASE_DB = 'DB';

export interface BatchDatabase {
	name: string;
	db: D1Database;
}

/**
 * Every database that may hold send batches: each subscriber shard, and the case database even when no prefix
 * lives there (batches recorded before the upgrade, quiet-hours summaries), in shard-map order.
 */
export function batchDatabases(env: Env): BatchDatabase[] {
	const shards = createShardMap(env).shards.map((s) => ({ name: s.name, db: s.db }));
	return shards.some((s) => s.name === CASE_DB) ? shards : [{ name: CASE_DB, db: env.DB }, ...shards];
}

/**
 * The database holding a batch recorded under `name`; absent or '' (a message or job from before issue 23)
 * means the case database, where such batches were recorded.
 */
export function batchDatabase(env: Env, name: string | undefined): D1Database {
	if (!name || name === CASE_DB) return env.DB;
	const shard = createShardMap(env).shards.find((s) => s.name === name);
	if (!shard) throw new Error(`send batches name shard ${name}, which is not configured`);
	return shard.db;
}
