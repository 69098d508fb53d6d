import { Hono } from 'hono';
import { handOverSchema } from '../../../src/lib/schemas';
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
		const handed = await change(c, row, 'hand_over', [handOverStatement(c.env.DB, row, unitId, new Date())], {
			fromUnit: owner.unitId,
			toUnit: unitId,
			reason
		});
		// The public issuer changed: cached public answers must miss at once. No channel announces a hand-over
		// (phones and partners heard the alert; the next change they hear names the new issuer).
		await bumpPublicGeneration(c.env.DB, new Date());
		return c.json(toPoliceCase(handed));
	}
);
