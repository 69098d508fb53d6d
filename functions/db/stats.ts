import type { CaseStatus, Circumstance } from '../../src/lib/schemas';
import type { CaseForStats } from '../../src/lib/stats/compute';

// Only what statistics need, and only cases that can count (the same rule computeStats applies again):
// no names, no places, so nothing here outlives a case's retention period that should not.
const COUNTED = `SELECT status, exercise, demo, published_at, resolved_at, circumstance FROM cases
	WHERE published_at IS NOT NULL AND exercise = 0 AND demo = 0 AND status IN ('published', 'resolved')
	AND (?1 IS NULL OR unit_id IN (SELECT value FROM json_each(?1)))`;

interface Row {
	status: CaseStatus;
	exercise: number;
	demo: number;
	published_at: string | null;
	resolved_at: string | null;
	circumstance: Circumstance | null;
}

/** Every counted case, or those of the given units (a unit and the units below it: `/api/stats?unit=`). */
export async function casesForStats(db: D1Database, unitIds?: readonly string[]): Promise<CaseForStats[]> {
	const { results } = await db
		.prepare(COUNTED)
		.bind(unitIds ? JSON.stringify(unitIds) : null)
		.all<Row>();
	return results.map((r) => ({
		status: r.status,
		exercise: r.exercise === 1,
		demo: r.demo === 1,
		publishedAt: r.published_at,
		resolvedAt: r.resolved_at,
		circumstance: r.circumstance
	}));
}
