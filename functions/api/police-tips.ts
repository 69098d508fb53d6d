import { Hono } from 'hono';
import { tipTriageSchema } from '../../src/lib/schemas';
import { withAudit } from '../db/audit';
import { getTipRow, listTipsForCase, toTip, triageStatement } from '../db/tips';
import { loadCase } from './case-actions';
import { ApiError } from './errors';
import type { PoliceEnv } from './session';
import { actorEntry } from './audit-entry';
import { jsonBody } from './validate';

// A case with more tips than this needs a search, not a longer page; the counts still cover all of them.
const INBOX_LIMIT = 500;

/** The tips inbox (API.md "Police"): every officer reads and triages tips. Mounted at /api/police. */
export const policeTips = new Hono<PoliceEnv>()
	.get('/cases/:id/tips', async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		const { tips, counts } = await listTipsForCase(c.env.DB, row.id, INBOX_LIMIT);
		return c.json({ tips: tips.map(toTip), counts });
	})
	.patch('/tips/:id', jsonBody(tipTriageSchema), async (c) => {
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
	})
	// The only way to a clue's photo (API.md "Tips"): behind the officer session, never cached on the way.
	.get('/tips/:id/photo', async (c) => {
		const tip = await getTipRow(c.env.DB, c.req.param('id'));
		const object = tip?.photo_key ? await c.env.PHOTOS.get(tip.photo_key) : null;
		if (!object) throw new ApiError('not_found', 'This tip has no photo.');
		const headers = new Headers();
		object.writeHttpMetadata(headers);
		headers.set('Cache-Control', 'private, no-store');
		headers.set('X-Content-Type-Options', 'nosniff');
		return new Response(object.body, { headers });
	});
