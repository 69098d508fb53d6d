import { withAudit } from '../db/audit';
import type { CaseRow } from '../db/cases';
import type { Env } from '../env';
import { broadcastCaseChange } from '../live/broadcast';
import { startFanout } from './job';

interface Step {
	afterMinutes: number;
	radiusKm: number;
}

const DUE = `SELECT * FROM cases WHERE status = 'published' AND radius_schedule IS NOT NULL AND published_at IS NOT NULL`;
const GROW = `UPDATE cases SET radius_km = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND radius_km = ?`;

/** The largest approved step that is due at `now`, if it reaches further than the case does today. */
export function dueStep(
	row: Pick<CaseRow, 'radius_schedule' | 'published_at' | 'radius_km'>,
	now: Date
): Step | null {
	const steps = JSON.parse(row.radius_schedule ?? '[]') as Step[];
	const elapsedMinutes = (now.getTime() - Date.parse(row.published_at ?? '')) / 60_000;
	const due = steps.filter((s) => s.afterMinutes <= elapsedMinutes && s.radiusKm > row.radius_km);
	return due.reduce<Step | null>((best, s) => (!best || s.radiusKm > best.radiusKm ? s : best), null);
}

/**
 * Tuanyuan's growing circle: each approved step widens the radius and alerts only the new ring (the fan-out's
 * inner radius), so nobody hears the same alert twice. Run by the Cron trigger with its scheduledTime.
 */
export async function growRadii(env: Env, now: Date): Promise<number> {
	const { results } = await env.DB.prepare(DUE).all<CaseRow>();
	let grown = 0;
	for (const row of results) {
		const step = dueStep(row, now);
		if (!step) continue;
		const entry = {
			userId: null,
			username: 'cron',
			action: 'radius_step',
			caseId: row.id,
			detail: { fromKm: row.radius_km, toKm: step.radiusKm }
		};
		const [update] = await withAudit(
			env,
			entry,
			[env.DB.prepare(GROW).bind(step.radiusKm, now.toISOString(), row.id, row.version, row.radius_km)],
			now
		);
		if (!update || update.meta.changes === 0) continue; // another run took this step
		const grownRow = { ...row, radius_km: step.radiusKm, version: row.version + 1 };
		await startFanout(env, grownRow, { kind: 'alert', innerRadiusKm: row.radius_km }, now);
		await broadcastCaseChange(env, grownRow, 'alert', now);
		grown += 1;
	}
	return grown;
}
