import { Hono } from 'hono';
import { tipTriageSchema } from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import { getCaseRow } from '../../db/cases';
import { getTipRow, toTip, triageStatement, type TipRow } from '../../db/tips';
import { mayActOnCase } from '../../units/policy';
import type { PoliceEnv } from '../auth/session';
import type { ActorContext } from '../http/audit-entry';
import { actorEntry } from '../http/audit-entry';
import { ApiError } from '../http/errors';
import { jsonBody } from '../http/validate';
import { actorOf, caseUnits, enforce, loadUnitTree } from './unit-guard';

const NO_TIP = 'There is no tip with this id.';

/** A tip of a case outside the officer's unit subtree does not exist for them (issue 21: tips inboxes are scoped). */
async function loadTip(c: ActorContext, id: string): Promise<TipRow> {
	const tip = await getTipRow(c.env.DB, id);
	const row = tip ? await getCaseRow(c.env.DB, tip.case_id) : null;
	if (!tip || !row) throw new ApiError('not_found', NO_TIP);
	enforce(mayActOnCase(await loadUnitTree(c), actorOf(c), caseUnits(row)), c.get('user').role, {
		hidden: NO_TIP
	});
	return tip;
}

/**
 * Tip triage and a tip's photo: every officer who may act on the tip's case may move it along. Mounted at
 * /api/police/tips.
 */
export const policeTips = new Hono<PoliceEnv>()
	// The only way to a clue's photo (API.md "Tips"): behind the officer session, never cached on the way.
	.get('/:id/photo', async (c) => {
		const tip = await loadTip(c, c.req.param('id'));
		const object = tip.photo_key ? await c.env.PHOTOS.get(tip.photo_key) : null;
		if (!object) throw new ApiError('not_found', 'This tip has no photo.');
		const headers = new Headers();
		object.writeHttpMetadata(headers);
		headers.set('Cache-Control', 'private, no-store');
		headers.set('X-Content-Type-Options', 'nosniff');
		return new Response(object.body, { headers });
	})
	.patch('/:id', jsonBody(tipTriageSchema), async (c) => {
		const tip = await loadTip(c, c.req.param('id'));
		const { status } = c.get('body');
		const user = c.get('user');
		const now = new Date();
		await withAudit(
			c.env,
			await actorEntry(c, 'tip_triage', tip.case_id, { tip: tip.reference, status }),
			[triageStatement(c.env.DB, tip.id, status, user.id, now)],
			now
		);
		return c.json(toTip({ ...tip, status, reviewed_by: user.id, updated_at: now.toISOString() }));
	});
