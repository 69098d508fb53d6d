import type { Env } from '../env';
import { listMoveRoutes } from './shard-moves';
import { buildRouting, type Routing } from './shard-routing';

/** One subscriber database and the geohash prefixes it holds ('' holds everything not claimed elsewhere). */
export interface Shard {
	name: string;
	db: D1Database;
	prefixes: string[];
}

export interface ShardMap {
	/** Every configured subscriber database (by-id lookups and deletes go to all of them). */
	shards: Shard[];
	byName(name: string): Shard;
	/**
	 * Who reads and writes each prefix now: SUBSCRIBER_SHARDS with the `shard_moves` routing table laid over it
	 * (shard-routing.ts). Read afresh on every call, never cached: a move changes it while the Worker runs.
	 */
	routing(): Promise<Routing>;
}

interface ShardConfig {
	binding: string;
	prefixes: string[];
}

/**
 * Subscribers shard by geohash prefix across D1 databases (DESIGN.md "Scale"). `SUBSCRIBER_SHARDS` is JSON such
 * as `[{"binding":"DB","prefixes":[""]},{"binding":"DB_SHARD_W","prefixes":["w","x"]}]`; the longest matching
 * prefix wins. Without it, everything lives in DB. A prefix moved online (functions/shards/move.ts) is routed by the
 * routing table in the case database on top of this base.
 */
export function createShardMap(env: Env): ShardMap {
	let map = parsed.get(env);
	if (!map) parsed.set(env, (map = buildShardMap(env)));
	return map;
}

// Parsed once per invocation's env (every route and queue step asks for it, some several times per step).
const parsed = new WeakMap<Env, ShardMap>();

function buildShardMap(env: Env): ShardMap {
	const configs = parseShardConfig(env.SUBSCRIBER_SHARDS);
	const bindings = env as unknown as Record<string, unknown>; // bindings are looked up by configured name
	const shards = configs.map((config) => {
		const db = bindings[config.binding];
		if (!isD1(db)) throw new Error(`SUBSCRIBER_SHARDS names ${config.binding}, which is not a D1 binding`);
		return { name: config.binding, db, prefixes: config.prefixes };
	});
	const byName = (name: string): Shard => {
		const shard = shards.find((s) => s.name === name);
		if (!shard) throw new Error(`subscriber shard ${name} is not configured in SUBSCRIBER_SHARDS`);
		return shard;
	};
	return {
		shards,
		byName,
		async routing() {
			const moves = await listMoveRoutes(env.DB);
			for (const move of moves) [move.from, move.to].forEach(byName); // a routing row naming no shard is a misconfiguration
			return buildRouting(shards, moves);
		}
	};
}

function parseShardConfig(raw: string | undefined): ShardConfig[] {
	if (!raw) return [{ binding: 'DB', prefixes: [''] }];
	const parsed: unknown = JSON.parse(raw);
	if (!Array.isArray(parsed) || parsed.length === 0)
		throw new Error('SUBSCRIBER_SHARDS must be a non-empty array');
	return parsed.map((entry: { binding?: unknown; prefixes?: unknown }) => {
		if (typeof entry.binding !== 'string' || !Array.isArray(entry.prefixes)) {
			throw new Error('each SUBSCRIBER_SHARDS entry needs a binding and prefixes');
		}
		return { binding: entry.binding, prefixes: entry.prefixes.map(String) };
	});
}

function isD1(value: unknown): value is D1Database {
	return typeof value === 'object' && value !== null && 'prepare' in value && 'batch' in value;
}
