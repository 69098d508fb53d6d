import { distanceToCellKm, type GeohashRange } from '../../src/lib/geo';
import { readRangePage, toRecipient, type CoveringCursor, type Recipient } from '../db/recipients';
import type { RegionRow } from '../db/subscriptions';

/** Who a fan-out is for: inside `radiusKm` and, for a radius step, not already inside `innerRadiusKm`. */
export interface Audience {
	lat: number;
	lon: number;
	radiusKm: number;
	innerRadiusKm: number;
	/** Exercises reach only devices officers registered as theirs. */
	officersOnly: boolean;
	/** With officersOnly: only these officers' devices (the exercise's unit subtree, units/exercise-reach.ts). */
	officers?: ReadonlySet<string>;
}

/**
 * Decides a row with no state carried between pages: a device with several regions inside is sent to only
 * from the first of its regions (in its own order) that is inside, so it gets one message.
 */
export function isRecipientRow(row: RegionRow, audience: Audience): boolean {
	if (audience.officersOnly) {
		const officer = row.officer_user_id;
		if (!officer || (audience.officers && !audience.officers.has(officer))) return false;
	}
	const centre = { lat: audience.lat, lon: audience.lon };
	const regions = row.regions.split(',');
	if (
		audience.innerRadiusKm > 0 &&
		regions.some((g) => distanceToCellKm(centre, g) <= audience.innerRadiusKm)
	) {
		return false; // reached by an earlier, smaller circle
	}
	const firstInside = regions.find((g) => distanceToCellKm(centre, g) <= audience.radiusKm);
	return firstInside === row.geohash;
}

/**
 * Reads up to `pageSize` rows from the covering's ranges starting at `cursor`, and returns the recipients among
 * them with the cursor to continue from (null when every range is exhausted).
 */
export async function selectPage(
	db: D1Database,
	ranges: GeohashRange[],
	cursor: CoveringCursor,
	audience: Audience,
	pageSize: number
): Promise<{ recipients: Recipient[]; next: CoveringCursor | null; rowsRead: number }> {
	const recipients: Recipient[] = [];
	let position: CoveringCursor | null = cursor;
	let rowsRead = 0;
	while (position && rowsRead < pageSize) {
		const range: GeohashRange | undefined = ranges[position.rangeIndex];
		if (!range) {
			position = null;
			break;
		}
		const want = pageSize - rowsRead;
		const results = await readRangePage(db, range, position, want);
		rowsRead += results.length;
		for (const row of results) if (isRecipientRow(row, audience)) recipients.push(toRecipient(row));
		const last = results.at(-1);
		position =
			results.length === want && last
				? { rangeIndex: position.rangeIndex, geohash: last.geohash, id: last.subscription_id }
				: { rangeIndex: position.rangeIndex + 1, geohash: '', id: '' };
		if (position.rangeIndex >= ranges.length) position = null;
	}
	return { recipients, next: position, rowsRead };
}
