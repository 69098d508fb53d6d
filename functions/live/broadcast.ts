import { cellsMeetingCircle } from '../../src/lib/geo';
import type { LiveKind, LiveMessage } from '../../src/lib/schemas/live';
import { toCancelledCase, toCaseSummary, type CaseRow } from '../db/cases';
import type { Env } from '../env';
import { hubFor, shardCount } from './hubs';

/**
 * Sends a case change to every open page that may hold a region inside the case's circle: the objects of every
 * geohash-3 cell the circle meets, each shard of a dense cell. Pages apply the inside-radius rule themselves.
 * Exercises never go out live (they reach officers' devices only). Returns the objects called.
 */
export async function broadcastCaseChange(
	env: Env,
	row: CaseRow,
	kind: LiveKind,
	now = new Date()
): Promise<number> {
	if (row.exercise === 1) return 0;
	// A withdrawn case carries only { id, status, cancelledAt }, as on every other surface (API.md).
	const message = JSON.stringify(
		(kind === 'cancelled'
			? { type: 'case', kind, case: toCancelledCase(row), at: now.toISOString() }
			: { type: 'case', kind, case: toCaseSummary(row), at: now.toISOString() }) satisfies LiveMessage
	);
	const targets = cellsMeetingCircle({ lat: row.lat, lon: row.lon }, row.radius_km).flatMap((cell) =>
		Array.from({ length: shardCount(env, cell) }, (_, shard) => ({ cell, shard }))
	);
	// Live alerts come on top of push: an object that fails is logged, never the police action's error.
	const results = await Promise.allSettled(
		targets.map(({ cell, shard }) => hubFor(env, cell, shard).deliver(cell, message, shard === 0))
	);
	const failed = results.filter((result) => result.status === 'rejected');
	if (failed.length > 0)
		console.error(`live alerts: ${failed.length} of ${targets.length} objects failed`, failed[0]);
	return targets.length;
}
