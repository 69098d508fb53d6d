import { Hono } from 'hono';
import { listTipsForCase, toTip } from '../../db/tips';
import type { PoliceEnv } from '../auth/session';
import { loadCase } from './case-actions';

// A case with more tips than this needs a search, not a longer page; the counts still cover all of them.
const INBOX_LIMIT = 500;

/** A case's tips inbox (API.md "Police"): every officer reads them. Mounted at /api/police/cases. */
export const policeCaseTips = new Hono<PoliceEnv>().get('/:id/tips', async (c) => {
	const row = await loadCase(c, c.req.param('id'));
	const { tips, counts } = await listTipsForCase(c.env.DB, row.id, INBOX_LIMIT);
	return c.json({ tips: tips.map(toTip), counts });
});
