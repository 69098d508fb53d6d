import type { GeohashRange } from '../../src/lib/geo';
import type { RegionRow } from './subscriptions';

// The `subscription_regions` SQL of a shard move (functions/shards/move.ts): pages of one prefix in key order, the
// copy that never overwrites, and the delete that only removes a row nobody has written since it was read.

/** A stored row with every column, so a copy is the row itself. */
export interface FullRegionRow extends RegionRow {
	created_at: string;
	updated_at: string;
}

export interface RowKey {
	geohash: string;
	id: string;
}

const COLUMNS = `geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id, quiet_start, quiet_end,
	quiet_zone, created_at, updated_at`;
// Keyset pages on the primary key (geohash, subscription_id), as the fan-out's RANGE_PAGE does.
const PAGE = `SELECT ${COLUMNS} FROM subscription_regions
	WHERE (geohash, subscription_id) > (?1, ?2) AND geohash <= ?3 ORDER BY geohash, subscription_id LIMIT ?4`;
const BETWEEN = `SELECT ${COLUMNS} FROM subscription_regions
	WHERE (geohash, subscription_id) > (?1, ?2) AND (geohash, subscription_id) <= (?3, ?4)`;
// A row already there was written by the dual writes after this copy was read, or is this very copy: keep it.
const COPY = `INSERT INTO subscription_regions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (geohash, subscription_id) DO NOTHING`;
const DELETE_UNCHANGED = `DELETE FROM subscription_regions WHERE geohash = ? AND subscription_id = ? AND updated_at = ?
	AND endpoint = ? AND auth = ? AND p256dh = ? AND regions = ? AND lang = ? AND officer_user_id IS ?`;
const DELETE_KEY = `DELETE FROM subscription_regions WHERE geohash = ? AND subscription_id = ?`;
const COUNT = `SELECT count(*) AS n FROM subscription_regions WHERE geohash BETWEEN ? AND ?`;

/** Up to `limit` rows of `keys` after `after` ('' id and the range's start = from the beginning). */
export async function readRegionPage(
	db: D1Database,
	keys: GeohashRange,
	after: RowKey,
	limit: number
): Promise<FullRegionRow[]> {
	const start = after.geohash ? after : { geohash: keys.from, id: '' };
	const { results } = await db
		.prepare(PAGE)
		.bind(start.geohash, start.id, keys.to, limit)
		.all<FullRegionRow>();
	return results;
}

/** The rows after `after` up to and including `last`. */
export async function readRegionsBetween(
	db: D1Database,
	keys: GeohashRange,
	after: RowKey,
	last: RowKey
): Promise<FullRegionRow[]> {
	const start = after.geohash ? after : { geohash: keys.from, id: '' };
	const { results } = await db
		.prepare(BETWEEN)
		.bind(start.geohash, start.id, last.geohash, last.id)
		.all<FullRegionRow>();
	return results;
}

export function copyRegionStatement(db: D1Database, row: FullRegionRow): D1PreparedStatement {
	return db
		.prepare(COPY)
		.bind(
			row.geohash,
			row.subscription_id,
			row.endpoint,
			row.p256dh,
			row.auth,
			row.lang,
			row.regions,
			row.officer_user_id,
			row.quiet_start ?? null,
			row.quiet_end ?? null,
			row.quiet_zone ?? null,
			row.created_at,
			row.updated_at
		);
}

/** Removes the row only if it is still exactly as read: a newer write of the same key is left alone. */
export function deleteUnchangedStatement(db: D1Database, row: FullRegionRow): D1PreparedStatement {
	return db
		.prepare(DELETE_UNCHANGED)
		.bind(
			row.geohash,
			row.subscription_id,
			row.updated_at,
			row.endpoint,
			row.auth,
			row.p256dh,
			row.regions,
			row.lang,
			row.officer_user_id
		);
}

export function deleteRegionStatement(db: D1Database, key: RowKey): D1PreparedStatement {
	return db.prepare(DELETE_KEY).bind(key.geohash, key.id);
}

export async function countRegions(db: D1Database, keys: GeohashRange): Promise<number> {
	return (await db.prepare(COUNT).bind(keys.from, keys.to).first<{ n: number }>())?.n ?? 0;
}

export const keyOfRow = (row: RegionRow): RowKey => ({ geohash: row.geohash, id: row.subscription_id });
