import type { CaseNumbers } from '../../src/lib/schemas';

// People reached = devices the alert (and its radius steps) was delivered to; updates go to the same people.
const NUMBERS = `SELECT
	(SELECT coalesce(sum(delivered), 0) FROM send_batches WHERE case_id = c.id AND kind = 'alert') AS reached,
	(SELECT count(*) FROM tips WHERE case_id = c.id) AS tips,
	c.published_at, c.resolved_at
	FROM cases c WHERE c.id = ?`;

/** API.md "Statistics": a resolved case's own numbers, counts only. */
export async function caseNumbers(db: D1Database, caseId: string): Promise<CaseNumbers | null> {
	const row = await db.prepare(NUMBERS).bind(caseId).first<{
		reached: number;
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
		reached: row.reached,
		tips: row.tips,
		hoursToResolution: hours === null ? null : Math.round(hours * 10) / 10
	};
}
