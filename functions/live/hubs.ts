import type { Env } from '../env';

/** Headers by which `GET /api/live` tells a hub what it checked: the socket's cells and the hub's own name. */
export const LIVE_CELLS_HEADER = 'x-reunion-live-cells';
export const HUB_NAME_HEADER = 'x-reunion-hub-name';
/** …and the keyed hash of the client's address (functions/api/http/client.ts), for the per-address limit. */
export const LIVE_CLIENT_HEADER = 'x-reunion-live-client';

/**
 * Sockets one client address may hold in one object. Generous, because a carrier-grade NAT puts many phones
 * behind one IPv4 address, yet bounded: one address once held hundreds (issue 18). Across objects the opens are
 * bounded too (LIVE_OPENS_LIMIT, functions/api/public/live.ts).
 */
export const MAX_SOCKETS_PER_ADDRESS = 32;
/** A client sends only "ping" (answered by the runtime); anything else closes the socket, larger ones as too big. */
export const MAX_CLIENT_FRAME_BYTES = 64;

/** Shards for a cell not named in LIVE_CELL_SHARDS. */
const DEFAULT_SHARDS = 1;
/** A broadcast costs one call per shard of every cell it meets: keep the count small (docs/scale.md). */
export const MAX_SHARDS = 64;

/**
 * How many objects hold the sockets of a geohash-3 cell: LIVE_CELL_SHARDS is a JSON map from cell to count for
 * dense cells (`{"wtw": 8}`); every other cell has one. A bad map is a deployment error and fails loudly.
 */
export function shardCount(env: Pick<Env, 'LIVE_CELL_SHARDS'>, cell: string): number {
	if (!env.LIVE_CELL_SHARDS) return DEFAULT_SHARDS;
	const map = JSON.parse(env.LIVE_CELL_SHARDS) as Record<string, unknown>;
	const count = map[cell];
	if (count === undefined) return DEFAULT_SHARDS;
	if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_SHARDS) {
		throw new Error(`LIVE_CELL_SHARDS: ${cell} must map to an integer 1–${MAX_SHARDS}`);
	}
	return count as number;
}

export function hubName(cell: string, shard: number): string {
	return `${cell}.${shard}`;
}

export function hubFor(env: Pick<Env, 'LIVE'>, cell: string, shard: number) {
	return env.LIVE.get(env.LIVE.idFromName(hubName(cell, shard)));
}

/** Sockets spread at random over a dense cell's shards: no shared counter is needed, and the load evens out. */
export function pickShard(env: Pick<Env, 'LIVE_CELL_SHARDS'>, cell: string): number {
	const count = shardCount(env, cell);
	return count === 1 ? 0 : crypto.getRandomValues(new Uint32Array(1))[0]! % count;
}
