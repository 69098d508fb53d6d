import { Hono } from 'hono';
import type { Env } from '../../env';
import { publicJson } from '../../public-http/cache';
import { buildOpenApiDocument } from './openapi-document';

// Built once per isolate: the schemas it comes from are fixed at deploy time.
let document: Record<string, unknown> | undefined;

/** `GET /api/openapi.json` (API.md): the public API as OpenAPI 3.1, with the origin it was asked on as server. */
export const openapi = new Hono<{ Bindings: Env }>().get('/', (c) => {
	document ??= buildOpenApiDocument();
	return publicJson(
		c,
		{ ...document, servers: [{ url: new URL(c.req.url).origin }] },
		'public, max-age=3600'
	);
});
