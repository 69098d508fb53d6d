import type { GeohashRange } from '../../src/lib/geo';
import type { Lang, QuietHours } from '../../src/lib/schemas';
import { quietFromColumns } from './quiet-columns';
import type { RegionRow } from './subscriptions';

/** A device a message goes to, with what the sender needs to encrypt for it and to pick its language. */
export interface Recipient {
	id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	lang: Lang;
	/**
	 * The device's quiet hours and the region row it was selected by, set only by the covering walk so the fan-out
	 * decides holds from the rows it already read (functions/fanout/quiet-hold.ts strips it before queueing).
	 */
	quiet?: { hours: QuietHours; region: string };
}

type DeviceColumns = Pick<RegionRow, 'subscription_id' | 'endpoint' | 'p256dh' | 'auth' | 'lang'>;

/**
 * The one mapping from a stored row to the device it names (also the start of a stored subscription); a
 * language the app does not know falls back to Chinese.
 */
export function toDevice(row: DeviceColumns): Omit<Recipient, 'quiet'> {
	return {
		id: row.subscription_id,
		endpoint: row.endpoint,
		p256dh: row.p256dh,
		auth: row.auth,
		lang: toLang(row.lang)
	};
}

export function toRecipient(
	row: DeviceColumns & Partial<Pick<RegionRow, 'geohash' | 'quiet_start' | 'quiet_end' | 'quiet_zone'>>
): Recipient {
	const hours = quietFromColumns(row);
	return { ...toDevice(row), ...(hours && row.geohash ? { quiet: { hours, region: row.geohash } } : {}) };
}

export function toLang(stored: string): Lang {
	return stored === 'en' ? 'en' : 'zh-CN';
}

/** Keyset position in a covering walk: the range being walked and the last (geohash, subscription_id) read in it. */
export interface CoveringCursor {
	rangeIndex: number;
	geohash: string;
	id: string;
}

export const COVERING_START: CoveringCursor = { rangeIndex: 0, geohash: '', id: '' };

// An index range scan on the primary key (geohash, subscription_id), seeking to the keyset cursor: the lower
// bound must be the row value alone, or SQLite seeks to the range start and skips to the cursor on every page
// (measured: 3× slower on a dense city). 4 bound parameters, far below D1's 100.
export const RANGE_PAGE = `SELECT geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id,
	quiet_start, quiet_end, quiet_zone
	FROM subscription_regions
	WHERE (geohash, subscription_id) > (?1, ?2) AND geohash <= ?3
	ORDER BY geohash, subscription_id
	LIMIT ?4`;

/** The bound parameters of RANGE_PAGE for a page of `range` after `cursor` ('' = from the range's start). */
export function rangePageParams(
	range: GeohashRange,
	cursor: CoveringCursor,
	limit: number
): [string, string, string, number] {
	return cursor.geohash ? [cursor.geohash, cursor.id, range.to, limit] : [range.from, '', range.to, limit];
}

/** Up to `limit` region rows of `range` after `cursor`, in key order. */
export async function readRangePage(
	db: D1Database,
	range: GeohashRange,
	cursor: CoveringCursor,
	limit: number
): Promise<RegionRow[]> {
	const { results } = await db
		.prepare(RANGE_PAGE)
		.bind(...rangePageParams(range, cursor, limit))
		.all<RegionRow>();
	return results;
}
