import { Hono } from 'hono';
import { handOverSchema } from '../../../src/lib/schemas';
import { deliverAnnouncement, recordCaseChange } from '../../case-changes';
import { handOverStatement } from '../../db/cases';
import { bumpPublicGeneration } from '../../db/settings';
import { mayHandOver } from '../../units/policy';
import type { PoliceEnv } from '../auth/session';
import { jsonBody } from '../http/validate';
import { change, loadCase, requireStatus } from './case-actions';
import { toPoliceCase } from './case-view';
import { actorOf, caseUnits, enforce, loadUnitTree } from './unit-guard';

/**
 * A case handed to another unit (a child seen in another province, API.md "Police units"): the receiving unit owns
 * it from now on (its name becomes the public issuer) and the unit it came from keeps acting on it. Audited with
 * both units and the reason. Mounted at /api/police/cases.
 */
export const policeHandOver = new Hono<PoliceEnv>().post(
	'/:id/hand-over',
	jsonBody(handOverSchema),
	async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'draft', 'pending', 'published');
		const { unitId, reason } = c.get('body');
		const tree = await loadUnitTree(c);
		const owner = caseUnits(row);
		enforce(mayHandOver(tree, actorOf(c), owner, unitId), c.get('assignedRole'));
		const now = new Date();
		// A published case's new issuer is announced (feeds, partners, caches: functions/case-changes); a draft
		// or pending case has no public side yet, so only the public generation moves.
		const announcement =
			row.status === 'published'
				? recordCaseChange(
						c.env.DB,
						row.id,
						{ kind: 'handed_over', fromUnitId: owner.unitId, toUnitId: unitId },
						now
					)
				: null;
		const statements = [
			handOverStatement(c.env.DB, row, unitId, now),
			...(announcement ? [announcement.statement] : [])
		];
		const handed = await change(c, row, 'hand_over', statements, {
			fromUnit: owner.unitId,
			toUnit: unitId,
			reason
		});
		if (announcement) await deliverAnnouncement(c.env, announcement.id, handed, now);
		else await bumpPublicGeneration(c.env.DB, now);
		return c.json(toPoliceCase(handed));
	}
);
