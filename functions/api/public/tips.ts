import { Hono } from 'hono';
import { getCaseRow, isPublic } from '../../db/cases';
import { hitRateLimit } from '../../db/rate-limits';
import { getTipByClientId, insertTip } from '../../db/tips';
import type { Env } from '../../env';
import { tipPhotoKey } from '../../tips/photo';
import { hashedClientAddress } from '../http/client';
import { ApiError, rateLimited } from '../http/errors';
import { readTipRequest } from './tip-body';

// Enough for a person with a lot to say about one sighting; few enough that a script cannot bury the inbox.
const TIP_LIMIT = 10;
const TIP_WINDOW_SECONDS = 600;

/** `POST /api/cases/:id/tips` (API.md "Tips"): JSON or multipart with a photo; `clientId` makes a retry safe. */
export const publicTips = new Hono<{ Bindings: Env }>().post('/:id/tips', async (c) => {
	// A multipart POST needs no preflight, so any website could file clues from its visitors' browsers. Browsers
	// name the sending page's origin on every POST: only this site's own pages (and its service worker) may send
	// one. Clients that are not browsers send no Origin and stay welcome.
	const origin = c.req.header('origin');
	if (origin !== undefined && origin !== new URL(c.req.url).origin)
		throw new ApiError('cross_origin', 'Clues can be sent only from the Reunion site itself.');
	const { input, photo } = await readTipRequest(c.req.raw);
	const caseId = c.req.param('id');
	// A retry of a clue already stored answers as the first send did, and does not count against the limit:
	// a phone that lost the answer offline must not be told it sent too many.
	if (input.clientId) {
		const earlier = await getTipByClientId(c.env.DB, caseId, input.clientId);
		if (earlier) return c.json({ id: earlier.id, reference: earlier.reference }, 200);
	}
	const ipHash = await hashedClientAddress(c);
	// Counted before the case lookup, so guessing case ids is throttled too.
	const verdict = await hitRateLimit(c.env.DB, `tip:${ipHash}`, TIP_LIMIT, TIP_WINDOW_SECONDS, new Date());
	if (!verdict.allowed) {
		throw rateLimited(
			'Too many tips from this address. Try again later, or call the police.',
			verdict.retryAfterSeconds
		);
	}
	const row = await getCaseRow(c.env.DB, caseId);
	if (!row || !isPublic(row)) throw new ApiError('not_found', 'There is no public case with this id.');
	// Resolved and cancelled cases stay readable, so saying so reveals nothing and tells the person why.
	if (row.status !== 'published')
		throw new ApiError('conflict', 'This case is closed and takes no more tips.');
	const photoKey = photo ? tipPhotoKey(row.id, photo.type) : null;
	if (photo && photoKey)
		await c.env.PHOTOS.put(photoKey, photo.bytes, {
			httpMetadata: { contentType: photo.type, cacheControl: 'private, no-store' }
		});
	const { row: tip, created } = await insertTip(c.env.DB, row.id, input, {
		ipHash,
		photoKey,
		now: new Date()
	});
	// Lost a race with its own retry: the first send's tip stands, with the first send's photo.
	if (!created && photoKey) await c.env.PHOTOS.delete(photoKey);
	return c.json({ id: tip.id, reference: tip.reference }, created ? 201 : 200);
});
