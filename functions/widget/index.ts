import { Hono } from 'hono';
import type { Env } from '../env';
import { publicResponse } from '../public-http/cache';
import { publicCors } from '../public-http/cors';

/**
 * `/widget.js`, built by scripts/build-widget.mjs into the static assets. Served through the Worker so it carries
 * CORS and a resource policy that lets any page load it, and a short cache so a new version spreads within minutes.
 */
export const widget = new Hono<{ Bindings: Env }>().use(publicCors).get('/', async (c) => {
	const asset = await c.env.ASSETS.fetch(new Request(new URL('/widget.js', c.req.url)));
	if (!asset.ok) return c.text('The widget is not built: run npm run build.', 503);
	return publicResponse(c, await asset.text(), {
		'Content-Type': 'text/javascript; charset=utf-8',
		'Cross-Origin-Resource-Policy': 'cross-origin'
	});
});
