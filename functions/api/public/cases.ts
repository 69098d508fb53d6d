import { Hono } from 'hono';
import { caseNumbers } from '../../db/case-numbers';
import { getPublicCase } from '../../db/cases';
import type { Env } from '../../env';
import { ApiError } from '../http/errors';

export const cases = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
	const found = await getPublicCase(c.env.DB, c.req.param('id'));
	// Drafts, pending and exercise cases answer exactly like unknown ids: their existence is not public.
	if (!found) throw new ApiError('not_found', 'There is no public case with this id.');
	c.header('Cache-Control', 'public, max-age=30');
	if (found.status !== 'resolved') return c.json(found);
	return c.json({ ...found, numbers: (await caseNumbers(c.env.DB, found.id)) ?? undefined });
});
