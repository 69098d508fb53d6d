import { Hono } from 'hono';
import { getCaseRow } from '../../db/cases';
import type { Env } from '../../env';
import { ApiError } from '../http/errors';

/**
 * The only keys case photos are stored under (functions/api/police-photo.ts): `cases/<case id>/<digest>.<ext>`.
 * Anything else is unknown without asking R2, which refuses names over 1,024 bytes with an error, not a miss.
 */
const PHOTO_KEY = /^cases\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9_-]{1,64}\.(?:jpg|png|webp)$/;

export const photos = new Hono<{ Bindings: Env }>().get('/:key{.+}', async (c) => {
	const key = c.req.param('key');
	// Case photos only (API.md): clues' photos share the bucket under tips/ and are for officers alone.
	const caseId = PHOTO_KEY.exec(key)?.[1];
	// A case withdrawn as sent in error keeps nothing of the child in public view (API.md), its photo included;
	// nor does one past its retention period, even if deleting an object failed (the sweep deletes it first).
	const row = caseId ? await getCaseRow(c.env.DB, caseId) : null;
	const withdrawn = row?.status === 'cancelled' || Boolean(row?.retained_at);
	const object = caseId && !withdrawn ? await c.env.PHOTOS.get(key) : null;
	if (!object) throw new ApiError('not_found', 'There is no photo with this name.');
	const headers = new Headers();
	object.writeHttpMetadata(headers);
	headers.set('ETag', object.httpEtag);
	// Photo keys change when the photo changes, so caching is safe; an hour, not a day, because a withdrawn
	// case's photo must leave shared caches soon after the case does.
	headers.set('Cache-Control', 'public, max-age=3600');
	headers.set('X-Content-Type-Options', 'nosniff');
	return new Response(object.body, { headers });
});
