import { Hono } from 'hono';
import { caseNumbers } from '../../db/case-numbers';
import { getPublicCase } from '../../db/cases';
import type { Env } from '../../env';
import { signedJson } from '../../public-http/cache';
import { signingKeys } from '../../signing/keys';
import { signAlert } from '../../signing/sign';
import { ApiError } from '../http/errors';

export const cases = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
	const found = await getPublicCase(c.env.DB, c.req.param('id'));
	// Drafts, pending and exercise cases answer exactly like unknown ids: their existence is not public.
	if (!found) throw new ApiError('not_found', 'There is no public case with this id.');
	// A found child's case carries its own numbers (API.md "Statistics"), signed with the rest.
	const body =
		'status' in found && found.status === 'resolved'
			? { ...found, numbers: (await caseNumbers(c.env.DB, found.id)) ?? undefined }
			: found;
	return signedJson(c, await signAlert(await signingKeys(c.env), { ...body }), body);
});
