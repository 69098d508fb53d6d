import { Hono } from 'hono';
import { tipTriageSchema } from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import { getTipRow, toTip, triageStatement } from '../../db/tips';
import type { PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { ApiError } from '../http/errors';
import { jsonBody } from '../http/validate';

/** Tip triage and a tip's photo: every officer may move a tip along. Mounted at /api/police/tips. */
export const policeTips = new Hono<PoliceEnv>()
	// The only way to a clue's photo (API.md "Tips"): behind the officer session, never cached on the way.
	.get('/:id/photo', async (c) => {
		const tip = await getTipRow(c.env.DB, c.req.param('id'));
		const object = tip?.photo_key ? await c.env.PHOTOS.get(tip.photo_key) : null;
		if (!object) throw new ApiError('not_found', 'This tip has no photo.');
		const headers = new Headers();
		object.writeHttpMetadata(headers);
		headers.set('Cache-Control', 'private, no-store');
		headers.set('X-Content-Type-Options', 'nosniff');
		return new Response(object.body, { headers });
	})
	.patch('/:id', jsonBody(tipTriageSchema), async (c) => {
		const tip = await getTipRow(c.env.DB, c.req.param('id'));
		if (!tip) throw new ApiError('not_found', 'There is no tip with this id.');
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
