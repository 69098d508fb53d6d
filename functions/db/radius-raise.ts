import type { CaseRow } from './cases';

/** Records (or replaces) a hand-raised radius for a published case; the version guard catches a lost race. */
export function proposeRadiusStatement(
	db: D1Database,
	row: CaseRow,
	radiusKm: number,
	userId: string,
	now: Date
): D1PreparedStatement {
	return db
		.prepare(
			`UPDATE cases SET proposed_radius_km = ?1, proposed_by = ?2, proposed_at = ?3, version = version + 1, updated_at = ?3
			 WHERE id = ?4 AND version = ?5 AND status = 'published'`
		)
		.bind(radiusKm, userId, now.toISOString(), row.id, row.version);
}

/**
 * Applies the proposal the approver saw (its radius must still be the one pending, and still wider than the circle:
 * a schedule step may have overtaken it, and shrinking would re-alert the ring on the next step).
 */
export function applyProposedRadiusStatement(
	db: D1Database,
	row: CaseRow,
	radiusKm: number,
	now: Date
): D1PreparedStatement {
	return db
		.prepare(
			`UPDATE cases SET radius_km = proposed_radius_km, proposed_radius_km = NULL, proposed_by = NULL,
				proposed_at = NULL, version = version + 1, updated_at = ?1
			 WHERE id = ?2 AND version = ?3 AND status = 'published' AND proposed_radius_km = ?4
				AND proposed_radius_km > radius_km`
		)
		.bind(now.toISOString(), row.id, row.version, radiusKm);
}

export function dropProposedRadiusStatement(db: D1Database, row: CaseRow, now: Date): D1PreparedStatement {
	return db
		.prepare(
			`UPDATE cases SET proposed_radius_km = NULL, proposed_by = NULL, proposed_at = NULL, version = version + 1,
				updated_at = ?1 WHERE id = ?2 AND version = ?3 AND proposed_radius_km IS NOT NULL`
		)
		.bind(now.toISOString(), row.id, row.version);
}

/** Approved without growth: the schedule goes, in the same batch as the approval (at its new version). */
export function dropScheduleStatement(db: D1Database, caseId: string, version: number): D1PreparedStatement {
	return db
		.prepare(`UPDATE cases SET radius_schedule = NULL WHERE id = ? AND version = ?`)
		.bind(caseId, version);
}

// Radius growth (functions/cron/radius-growth.ts): published cases with an approved schedule, and one step taken.
const GROWING = `SELECT * FROM case_rows WHERE status = 'published' AND radius_schedule IS NOT NULL AND published_at IS NOT NULL`;
const GROW = `UPDATE cases SET radius_km = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND radius_km = ?`;

export async function listGrowingCases(db: D1Database): Promise<CaseRow[]> {
	const { results } = await db.prepare(GROWING).all<CaseRow>();
	return results;
}

/** Widens the circle to `radiusKm`, guarded by the version and radius read, so two runs take a step once. */
export function growRadiusStatement(
	db: D1Database,
	row: CaseRow,
	radiusKm: number,
	now: Date
): D1PreparedStatement {
	return db.prepare(GROW).bind(radiusKm, now.toISOString(), row.id, row.version, row.radius_km);
}
