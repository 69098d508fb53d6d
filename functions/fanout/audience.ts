import { covering, type LatLon } from '../../src/lib/geo';
import { createShardMap } from '../db/shards';
import type { Env } from '../env';
import { COVERING_START, type CoveringCursor } from '../db/recipients';
import { selectPage } from './select';

const PAGE_ROWS = 1000;

/**
 * How many devices a circle would reach now: the same selection the fan-out makes (so the estimate and the
 * sending always agree), counted instead of sent.
 */
export async function countAudience(
	env: Env,
	centre: LatLon,
	radiusKm: number,
	/** An exercise reaches only officers' registered devices, so only those count. */
	officersOnly = false,
	/** …and only those of these officers (the unit subtree the exercise would reach). */
	officers?: ReadonlySet<string>
): Promise<number> {
	const { ranges } = covering(centre, radiusKm);
	const audience = { ...centre, radiusKm, innerRadiusKm: 0, officersOnly, officers };
	let total = 0;
	const shards = createShardMap(env);
	// Each shard's part of the covering, as the fan-out plans it: a prefix being moved is counted from one copy.
	const routing = await shards.routing();
	for (const shard of shards.shards) {
		const mine = routing.rangesFor(shard.name, ranges);
		let cursor: CoveringCursor | null = COVERING_START;
		while (cursor && mine.length) {
			const page = await selectPage(shard.db, mine, cursor, audience, PAGE_ROWS);
			total += page.recipients.length;
			cursor = page.next;
		}
	}
	return total;
}
