import { Hono } from 'hono';
import type { Env } from '../env';
import { publicResponse } from '../public-http/cache';
import { publicCors } from '../public-http/cors';
import { signingKeys } from '../signing/keys';

/** `/.well-known/reunion-keys.json`: the JWK Set that verifies alert JSON and feed signatures (RFC 7517 §5). */
export const wellKnown = new Hono<{ Bindings: Env }>()
	.use(publicCors)
	.get('/reunion-keys.json', async (c) => {
		const { published } = await signingKeys(c.env);
		return publicResponse(c, JSON.stringify({ keys: published }), {
			'Content-Type': 'application/jwk-set+json; charset=utf-8'
		});
	});
