import type { RadiusStep } from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import { getCaseRow, type CaseRow } from '../../db/cases';
import { actorEntry, type ActorContext } from '../http/audit-entry';
import { ApiError } from '../http/errors';
import { NO_CASE, requireCaseAccess } from './unit-guard';

/** The case, if it exists and belongs to the user's unit, one below it, or the unit that handed it over. */
export async function loadCase(c: ActorContext, id: string): Promise<CaseRow> {
	const row = await getCaseRow(c.env.DB, id);
	if (!row) throw new ApiError('not_found', NO_CASE);
	return requireCaseAccess(c, row);
}

/** Runs a guarded change with its audit row; a lost race (no row matched) is a 409 and leaves no audit row. */
export async function change(
	c: ActorContext,
	row: CaseRow,
	action: string,
	statements: D1PreparedStatement[],
	detail?: Record<string, unknown>
): Promise<CaseRow> {
	const [first] = await withAudit(c.env, await actorEntry(c, action, row.id, detail), statements);
	if (!first || first.meta.changes === 0)
		throw new ApiError('conflict', 'The case changed meanwhile. Reload it and try again.');
	return loadCase(c, row.id);
}

export function requireStatus(row: CaseRow, ...allowed: CaseRow['status'][]): void {
	if (!allowed.includes(row.status))
		throw new ApiError('conflict', `This cannot be done to a ${row.status} case.`);
}

/** The widest radius a case reaches if its growth schedule runs to the end. */
export function widestRadius(row: CaseRow): number {
	const steps = row.radius_schedule ? (JSON.parse(row.radius_schedule) as RadiusStep[]) : [];
	return Math.max(row.radius_km, ...steps.map((step) => step.radiusKm));
}
