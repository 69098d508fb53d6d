import { Hono } from 'hono';
import type { Env } from '../../env';
import { ApiError } from '../http/errors';

export const photos = new Hono<{ Bindings: Env }>().get('/:key{.+}', async (c) => {
	const key = c.req.param('key');
	// Case photos only (API.md): clues' photos share the bucket under tips/ and are for officers alone.
	const object = key.startsWith('cases/') ? await c.env.PHOTOS.get(key) : null;
	if (!object) throw new ApiError('not_found', 'There is no photo with this name.');
	const headers = new Headers();
	object.writeHttpMetadata(headers);
	headers.set('ETag', object.httpEtag);
	// Photo keys change when the photo changes, so a long cache is safe.
	headers.set('Cache-Control', 'public, max-age=86400');
	headers.set('X-Content-Type-Options', 'nosniff');
	return new Response(object.body, { headers });
});
