import { Hono } from 'hono';
import { tipCreateSchema, type TipReceipt } from '../../../src/lib/schemas';
import { getCaseRow, getPublicCase, isPublic } from '../../db/cases';
import { hitRateLimit } from '../../db/rate-limits';
import { insertTip } from '../../db/tips';
import type { Env } from '../../env';
import { signedJson } from '../../public-http/cache';
import { signingKeys } from '../../signing/keys';
import { signAlert } from '../../signing/sign';
import { hashedClientAddress } from '../http/client';
import { ApiError, rateLimited } from '../http/errors';
import { jsonBody } from '../http/validate';

// Enough for a person with a lot to say about one sighting; few enough that a script cannot bury the inbox.
const TIP_LIMIT = 10;
const TIP_WINDOW_SECONDS = 600;

export const cases = new Hono<{ Bindings: Env }>()
	.get('/:id', async (c) => {
		const found = await getPublicCase(c.env.DB, c.req.param('id'));
		// Drafts, pending and exercise cases answer exactly like unknown ids: their existence is not public.
		if (!found) throw new ApiError('not_found', 'There is no public case with this id.');
		return signedJson(c, await signAlert(await signingKeys(c.env), { ...found }), found);
	})
	.post('/:id/tips', jsonBody(tipCreateSchema), async (c) => {
		const ipHash = await hashedClientAddress(c);
		// Counted before the case lookup, so guessing case ids is throttled too.
		const verdict = await hitRateLimit(c.env.DB, `tip:${ipHash}`, TIP_LIMIT, TIP_WINDOW_SECONDS, new Date());
		if (!verdict.allowed) {
			throw rateLimited(
				'Too many tips from this address. Try again later, or call the police.',
				verdict.retryAfterSeconds
			);
		}
		const row = await getCaseRow(c.env.DB, c.req.param('id'));
		if (!row || !isPublic(row)) throw new ApiError('not_found', 'There is no public case with this id.');
		// Resolved and cancelled cases stay readable, so saying so reveals nothing and tells the person why.
		if (row.status !== 'published')
			throw new ApiError('conflict', 'This case is closed and takes no more tips.');
		const tip = await insertTip(c.env.DB, row.id, c.get('body'), ipHash, new Date());
		const receipt: TipReceipt = { id: tip.id, reference: tip.reference };
		return c.json(receipt, 201);
	});
