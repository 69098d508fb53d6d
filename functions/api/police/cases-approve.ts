import { Hono } from 'hono';
import { approveSchema } from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import { listCaseShapers } from '../../db/case-contributors';
import { transitionStatement } from '../../db/case-edits';
import { dropScheduleStatement } from '../../db/radius-raise';
import { deliverAnnouncement, recordCaseChange } from '../../case-changes';
import type { PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { ApiError } from '../http/errors';
import { jsonBody } from '../http/validate';
import { change, loadCase, requireStatus, widestRadius } from './case-actions';
import { toPoliceCase } from './case-view';
import { requireApprover } from './unit-guard';

/** The approval that starts an alert (two-person rule, typed name, version previewed). Mounted at /api/police/cases. */
export const policeApprove = new Hono<PoliceEnv>().post(
	'/:id/approve',
	jsonBody(approveSchema),
	async (c) => {
		const user = c.get('user');
		const row = await loadCase(c, c.req.param('id'));
		const { confirm, version, radiusGrowth } = c.get('body');
		// The approver may approve the alert but not its growing area; that choice is part of the audit row.
		const grows = radiusGrowth && row.radius_schedule !== null;
		// Same unit or above; growth steps beyond the unit's own limit need the unit above (functions/units).
		await requireApprover(c, row, grows ? widestRadius(row) : row.radius_km);
		// Two-person rule: nobody approves their own case.
		if (row.created_by === user.id || (await listCaseShapers(c.env.DB, row.id)).includes(user.id))
			throw new ApiError('forbidden', 'A second officer must approve this case: you wrote or changed it.');
		requireStatus(row, 'pending');
		if (version !== row.version)
			throw new ApiError('conflict', 'The case was edited after you previewed it. Review it again.');
		if (confirm.normalize('NFC') !== row.child_name.normalize('NFC')) {
			throw new ApiError('validation_failed', 'Type the child’s name exactly as shown to confirm.', {
				field: 'confirm'
			});
		}
		const now = new Date();
		// The announcement commits with the change (issue 18): a Worker dying after it still alerts, via the Cron.
		const announcement = recordCaseChange(c.env.DB, row.id, { kind: 'published' }, now);
		const statements = [transitionStatement(c.env.DB, row, 'published', { approvedBy: user.id }, now)];
		if (!grows && row.radius_schedule !== null)
			statements.push(dropScheduleStatement(c.env.DB, row.id, row.version + 1));
		statements.push(announcement.statement);
		const published = await change(c, row, 'approve', statements, { version, radiusGrowth: grows });
		const { fanoutJobs: jobs } = await deliverAnnouncement(c.env, announcement.id, published, now);
		// Approval and the start of sending are separate facts: the second names what was sent where.
		await withAudit(
			c.env,
			await actorEntry(c, 'publish', published.id, { radiusKm: published.radius_km, jobs }),
			[]
		);
		return c.json(toPoliceCase(published), 202);
	}
);
