import { createMiddleware } from 'hono/factory';
import { getPublicGeneration } from '../db/settings';
import type { Env } from '../env';
import { matchesIfNoneMatch } from './cache';

/**
 * The edge Cache API in front of public GETs whose answer depends only on the URL and the case data. The key adds
 * the public generation, which every case change moves on (case-changes/listeners/public-cache.ts), so a change
 * shows at once everywhere; entries also expire with their own Cache-Control (≤ 60 s), which bounds what
 * time alone changes (the 24 h and 7-day windows). `X-Cache` says which way an answer came.
 */
export const edgeCache = createMiddleware<{ Bindings: Env }>(async (c, next) => {
	if (c.req.method !== 'GET' || typeof caches === 'undefined') return next();
	const url = new URL(c.req.url);
	url.searchParams.set('__generation', await getPublicGeneration(c.env.DB));
	const key = new Request(url.toString(), { method: 'GET' });
	// A named cache (caches.open) rather than caches.default: the same store on Workers, and typed in both DOM and Workers.
	const cache = await caches.open('reunion-public');
	const hit = await cache.match(key);
	if (hit) {
		const etag = hit.headers.get('ETag');
		if (etag && matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) {
			const headers = new Headers(hit.headers);
			headers.set('X-Cache', 'hit');
			return new Response(null, { status: 304, headers });
		}
		const response = new Response(hit.body, hit);
		response.headers.set('X-Cache', 'hit');
		return response;
	}
	await next();
	c.res.headers.set('X-Cache', 'miss');
	// A 304 holds no body to keep; errors are not kept either.
	if (c.res.status === 200) c.executionCtx.waitUntil(cache.put(key, c.res.clone()));
});
