import { Hono } from 'hono';
import { approveRadiusSchema, emptySchema } from '../../../src/lib/schemas';
import type { CaseRow } from '../../db/cases';
import { applyProposedRadiusStatement, dropProposedRadiusStatement } from '../../db/radius-raise';
import { hasRole } from '../../db/users';
import { deliverAnnouncement, recordCaseChange } from '../../case-changes';
import { change, loadCase, requireStatus } from './case-actions';
import { ApiError } from '../http/errors';
import { toPoliceCase } from './case-view';
import { roleError, type PoliceEnv } from '../auth/session';
import { jsonBody } from '../http/validate';
import { requireApprover } from './unit-guard';

/** The radius waiting for a second officer, or a 409 when there is none. */
function proposedRadius(row: CaseRow): number {
	if (row.proposed_radius_km === null || row.proposed_radius_km === undefined)
		throw new ApiError('conflict', 'No wider radius is waiting for approval.');
	return row.proposed_radius_km;
}

/** A radius raised by hand (POST …/updates with radiusKm) is approved here by a second officer. */
export const policeRadius = new Hono<PoliceEnv>()
	.post('/:id/approve-radius', jsonBody(approveRadiusSchema), async (c) => {
		const user = c.get('user');
		// The role first (the probe's authorisation matrix): an officer learns nothing about the case's state.
		if (!hasRole(user, 'approver')) throw roleError(c.get('assignedRole'), 'approver');
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'published');
		const proposed = proposedRadius(row);
		// Same unit or above; beyond the unit's own limit, the unit above (functions/units/policy.ts).
		await requireApprover(c, row, proposed);
		if (row.proposed_by === user.id)
			throw new ApiError('forbidden', 'A second officer must approve this: you asked for it.');
		const { radiusKm } = c.get('body');
		if (radiusKm !== proposed)
			throw new ApiError('conflict', 'The proposed radius changed after you looked. Review it again.');
		if (proposed <= row.radius_km)
			throw new ApiError(
				'conflict',
				`The alert already reaches ${row.radius_km} km, past this proposal. Withdraw it or propose a wider one.`
			);
		const now = new Date();
		const announcement = recordCaseChange(
			c.env.DB,
			row.id,
			{ kind: 'radius', fromRadiusKm: row.radius_km },
			now
		);
		const widened = await change(
			c,
			row,
			'approve_radius',
			[applyProposedRadiusStatement(c.env.DB, row, radiusKm, now), announcement.statement],
			{ fromKm: row.radius_km, toKm: radiusKm }
		);
		await deliverAnnouncement(c.env, announcement.id, widened, now);
		return c.json(toPoliceCase(widened), 202);
	})
	.post('/:id/reject-radius', jsonBody(emptySchema), async (c) => {
		const user = c.get('user');
		const row = await loadCase(c, c.req.param('id'));
		if (row.proposed_by !== user.id && !hasRole(user, 'approver'))
			throw roleError(c.get('assignedRole'), 'approver');
		const proposed = proposedRadius(row);
		const kept = await change(
			c,
			row,
			'reject_radius',
			[dropProposedRadiusStatement(c.env.DB, row, new Date())],
			{ proposedKm: proposed }
		);
		return c.json(toPoliceCase(kept));
	});
