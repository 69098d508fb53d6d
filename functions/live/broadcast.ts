import { cellsMeetingCircle } from '../../src/lib/geo';
import type { LiveKind, LiveMessage } from '../../src/lib/schemas/live';
import { toCaseSummary, type CaseRow } from '../db/cases';
import type { Env } from '../env';
import { hubFor, shardCount } from './hubs';

/**
 * Sends a case change to every open page that may hold a region inside the case's circle: the objects of every
 * geohash-3 cell the circle meets, each shard of a dense cell. Pages apply the inside-radius rule themselves.
 * Exercises never go out live (they reach officers' devices only). Returns the objects called.
 */
export async function broadcastCaseChange(env: Env, row: CaseRow, kind: LiveKind): Promise<number> {
	if (row.exercise === 1) return 0;
	const message = JSON.stringify({
		type: 'case',
		kind,
		case: toCaseSummary(row),
		version: row.version
	} satisfies LiveMessage);
	const targets = cellsMeetingCircle({ lat: row.lat, lon: row.lon }, row.radius_km).flatMap((cell) =>
		Array.from({ length: shardCount(env, cell) }, (_, shard) => ({ cell, shard }))
	);
	await Promise.all(
		targets.map(({ cell, shard }) => hubFor(env, cell, shard).deliver(cell, message, shard === 0))
	);
	return targets.length;
}
