import { Hono } from 'hono';
import { getCaseRow, isPublic } from '../../db/cases';
import type { Env } from '../../env';
import { signedJson } from '../../public-http/cache';
import { signedPublicCase } from '../../public-http/public-case';
import { ApiError } from '../http/errors';

export const cases = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
	const row = await getCaseRow(c.env.DB, c.req.param('id'));
	// Drafts, pending and exercise cases answer exactly like unknown ids: their existence is not public.
	if (!row || !isPublic(row)) throw new ApiError('not_found', 'There is no public case with this id.');
	const { unsigned, signed } = await signedPublicCase(c.env, row);
	return signedJson(c, signed, unsigned);
});
