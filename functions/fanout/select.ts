import { distanceToCellKm, type GeohashRange } from '../../src/lib/geo';
import type { RegionRow } from '../db/subscriptions';

/** A device that should receive the message, with what the sender needs. */
export interface Recipient {
	id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	lang: string;
}

/** Who a fan-out is for: inside `radiusKm` and, for a radius step, not already inside `innerRadiusKm`. */
export interface Audience {
	lat: number;
	lon: number;
	radiusKm: number;
	innerRadiusKm: number;
	/** Exercises reach only devices officers registered as theirs. */
	officersOnly: boolean;
}

/** Keyset position: the range being walked and the last (geohash, subscription_id) read in it. */
export interface Cursor {
	rangeIndex: number;
	geohash: string;
	id: string;
}

export type { RegionRow };

// An index range scan on the primary key (geohash, subscription_id), seeking to the keyset cursor: the lower
// bound must be the row value alone, or SQLite seeks to the range start and skips to the cursor on every page
// (measured: 3× slower on a dense city). 4 bound parameters, far below D1's 100.
export const RANGE_PAGE = `SELECT geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id
	FROM subscription_regions
	WHERE (geohash, subscription_id) > (?1, ?2) AND geohash <= ?3
	ORDER BY geohash, subscription_id
	LIMIT ?4`;

/** The bound parameters of RANGE_PAGE for a page of `range` after `cursor` ('' = from the range's start). */
export function rangePageParams(
	range: GeohashRange,
	cursor: Cursor,
	limit: number
): [string, string, string, number] {
	return cursor.geohash ? [cursor.geohash, cursor.id, range.to, limit] : [range.from, '', range.to, limit];
}

export const START: Cursor = { rangeIndex: 0, geohash: '', id: '' };

/**
 * Decides a row with no state carried between pages: a device with several regions inside is sent to only
 * from the first of its regions (in its own order) that is inside, so it gets one message.
 */
export function isRecipientRow(row: RegionRow, audience: Audience): boolean {
	if (audience.officersOnly && !row.officer_user_id) return false;
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

export function toRecipient(row: RegionRow): Recipient {
	return {
		id: row.subscription_id,
		endpoint: row.endpoint,
		p256dh: row.p256dh,
		auth: row.auth,
		lang: row.lang
	};
}

/**
 * Reads up to `pageSize` rows from the covering's ranges starting at `cursor`, and returns the recipients among
 * them with the cursor to continue from (null when every range is exhausted).
 */
export async function selectPage(
	db: D1Database,
	ranges: GeohashRange[],
	cursor: Cursor,
	audience: Audience,
	pageSize: number
): Promise<{ recipients: Recipient[]; next: Cursor | null; rowsRead: number }> {
	const recipients: Recipient[] = [];
	let position: Cursor | null = cursor;
	let rowsRead = 0;
	while (position && rowsRead < pageSize) {
		const range: GeohashRange | undefined = ranges[position.rangeIndex];
		if (!range) {
			position = null;
			break;
		}
		const want = pageSize - rowsRead;
		const { results }: D1Result<RegionRow> = await db
			.prepare(RANGE_PAGE)
			.bind(...rangePageParams(range, position, want))
			.all<RegionRow>();
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
