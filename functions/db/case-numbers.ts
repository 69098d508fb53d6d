import type { CaseNumbers } from '../../src/lib/schemas';
import { deliveryCounts } from './send-batches';

// People reached = devices the alert (and its radius steps) was delivered to; updates go to the same people.
// Devices reached are summed over every database holding the case's send batches (issue 23: per shard).
const NUMBERS = `SELECT
	(SELECT count(*) FROM tips WHERE case_id = c.id) AS tips,
	c.published_at, c.resolved_at
	FROM cases c WHERE c.id = ?`;

/** API.md "Statistics": a resolved case's own numbers, counts only. `batchDbs`: where its send batches are. */
export async function caseNumbers(
	db: D1Database,
	caseId: string,
	batchDbs: D1Database[]
): Promise<CaseNumbers | null> {
	const row = await db.prepare(NUMBERS).bind(caseId).first<{
		tips: number;
		published_at: string | null;
		resolved_at: string | null;
	}>();
	if (!row) return null;
	const hours =
		row.published_at && row.resolved_at
			? (Date.parse(row.resolved_at) - Date.parse(row.published_at)) / 3_600_000
			: null;
	return {
		reached: (await deliveryCounts(batchDbs, caseId)).byKind.alert.delivered,
		tips: row.tips,
		hoursToResolution: hours === null ? null : Math.round(hours * 10) / 10
	};
}
