import { withAudit } from '../db/audit';
import type { CaseRow } from '../db/cases';
import type { Env } from '../env';
import { deliverAnnouncement, recordCaseChange } from '../case-changes';
import { growRadiusStatement, listGrowingCases } from '../db/radius-raise';

interface Step {
	afterMinutes: number;
	radiusKm: number;
}

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
	let grown = 0;
	for (const row of await listGrowingCases(env.DB)) {
		const step = dueStep(row, now);
		if (!step) continue;
		const entry = {
			userId: null,
			username: 'cron',
			action: 'radius_step',
			caseId: row.id,
			detail: { fromKm: row.radius_km, toKm: step.radiusKm }
		};
		const announcement = recordCaseChange(
			env.DB,
			row.id,
			{ kind: 'radius', fromRadiusKm: row.radius_km },
			now
		);
		const [update] = await withAudit(
			env,
			entry,
			[growRadiusStatement(env.DB, row, step.radiusKm, now), announcement.statement],
			now
		);
		if (!update || update.meta.changes === 0) continue; // another run took this step
		await deliverAnnouncement(
			env,
			announcement.id,
			{ ...row, radius_km: step.radiusKm, version: row.version + 1 },
			now
		);
		grown += 1;
	}
	return grown;
}
