import type { KindTotals } from './send-batches';

// The case database's per-shard delivery totals (migration 0100): one row per case × kind × shard, overwritten
// with the shard's own sums by each roll-up, so a repeated or overlapping roll-up changes nothing.

const UPSERT = `INSERT INTO send_totals (case_id, kind, shard, selected, delivered, gone, failed, first_delivered_at,
	last_delivered_at, rolled_up_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
	ON CONFLICT (case_id, kind, shard) DO UPDATE SET selected = excluded.selected, delivered = excluded.delivered,
	gone = excluded.gone, failed = excluded.failed, first_delivered_at = excluded.first_delivered_at,
	last_delivered_at = excluded.last_delivered_at, rolled_up_at = excluded.rolled_up_at`;
const MARK = `INSERT INTO send_roll_ups (shard, rolled_up_to) VALUES (?1, ?2)
	ON CONFLICT (shard) DO UPDATE SET rolled_up_to = max(rolled_up_to, excluded.rolled_up_to)`;
const ROLLED_UP_TO = `SELECT rolled_up_to AS at FROM send_roll_ups WHERE shard = ?`;
const OF_SHARD_CASES = `SELECT case_id AS caseId, kind, selected, delivered, gone, failed, first_delivered_at AS firstAt,
	last_delivered_at AS lastAt FROM send_totals WHERE shard = ?1 AND case_id IN (SELECT value FROM json_each(?2))`;
const OF_CASE = `SELECT shard, kind, selected, delivered, gone, failed, first_delivered_at AS firstAt,
	last_delivered_at AS lastAt FROM send_totals WHERE case_id = ? ORDER BY shard, kind`;

/** The shard's totals for one case and kind, as summed from its batches just now. */
export function upsertTotalsStatement(
	db: D1Database,
	shard: string,
	totals: KindTotals & { caseId: string },
	now: Date
): D1PreparedStatement {
	return db
		.prepare(UPSERT)
		.bind(
			totals.caseId,
			totals.kind,
			shard,
			totals.selected,
			totals.delivered,
			totals.gone,
			totals.failed,
			totals.firstAt,
			totals.lastAt,
			now.toISOString()
		);
}

/** The latest batch change (updated_at) of the shard that a roll-up has read; it never moves back. */
export function markRolledUpStatement(db: D1Database, shard: string, latest: string): D1PreparedStatement {
	return db.prepare(MARK).bind(shard, latest);
}

/** '' when the shard was never rolled up (every batch is newer). */
export async function rolledUpTo(db: D1Database, shard: string): Promise<string> {
	return (await db.prepare(ROLLED_UP_TO).bind(shard).first<{ at: string }>())?.at ?? '';
}

/** One shard's stored totals for these cases (the roll-up writes only what changed). */
export async function shardTotalsOf(
	db: D1Database,
	shard: string,
	caseIds: string[]
): Promise<Array<KindTotals & { caseId: string }>> {
	if (!caseIds.length) return [];
	const { results } = await db
		.prepare(OF_SHARD_CASES)
		.bind(shard, JSON.stringify(caseIds))
		.all<KindTotals & { caseId: string }>();
	return results;
}

/** A case's totals per shard and kind, as last rolled up. */
export async function caseTotalsByShard(
	db: D1Database,
	caseId: string
): Promise<Array<KindTotals & { shard: string }>> {
	return (await db.prepare(OF_CASE).bind(caseId).all<KindTotals & { shard: string }>()).results;
}
