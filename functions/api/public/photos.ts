import { Hono } from 'hono';
import type { Env } from '../../env';
import { ApiError } from '../http/errors';

/**
 * The only keys case photos are stored under (functions/api/police-photo.ts): `cases/<case id>/<digest>.<ext>`.
 * Anything else is unknown without asking R2, which refuses names over 1,024 bytes with an error, not a miss.
 */
const PHOTO_KEY = /^cases\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}\.(?:jpg|png|webp)$/;

export const photos = new Hono<{ Bindings: Env }>().get('/:key{.+}', async (c) => {
	const key = c.req.param('key');
	// Case photos only (API.md): clues' photos share the bucket under tips/ and are for officers alone.
	const object = PHOTO_KEY.test(key) ? await c.env.PHOTOS.get(key) : null;
	if (!object) throw new ApiError('not_found', 'There is no photo with this name.');
	const headers = new Headers();
	object.writeHttpMetadata(headers);
	headers.set('ETag', object.httpEtag);
	// Photo keys change when the photo changes, so a long cache is safe.
	headers.set('Cache-Control', 'public, max-age=86400');
	headers.set('X-Content-Type-Options', 'nosniff');
	return new Response(object.body, { headers });
});
