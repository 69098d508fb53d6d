import { Hono } from 'hono';
import type { Env } from '../../env';
import { ApiError } from '../http/errors';

export const photos = new Hono<{ Bindings: Env }>().get('/:key{.+}', async (c) => {
	const object = await c.env.PHOTOS.get(c.req.param('key'));
	if (!object) throw new ApiError('not_found', 'There is no photo with this name.');
	const headers = new Headers();
	object.writeHttpMetadata(headers);
	headers.set('ETag', object.httpEtag);
	// Photo keys change when the photo changes, so a long cache is safe.
	headers.set('Cache-Control', 'public, max-age=86400');
	headers.set('X-Content-Type-Options', 'nosniff');
	return new Response(object.body, { headers });
});
