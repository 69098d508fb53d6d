import { Hono } from 'hono';
import { liveQuerySchema } from '../../../src/lib/schemas/live';
import type { Env } from '../../env';
import { hitRateLimit } from '../../db/rate-limits';
import {
	hubFor,
	hubName,
	HUB_NAME_HEADER,
	LIVE_CELLS_HEADER,
	LIVE_CLIENT_HEADER,
	pickShard
} from '../../live/hubs';
import { hashedClientAddress } from '../http/client';
import { ApiError, rateLimited } from '../http/errors';
import { queryParams } from '../http/validate';

/**
 * Socket opens per client address in ten minutes (LIVE_OPENS_LIMIT): a page reconnecting with back-off uses a
 * few, a carrier-grade NAT's many phones share the rest.
 */
const LIVE_OPENS_DEFAULT = 600;

/**
 * `GET /api/live?cells=…` (API.md "Live alerts"): the socket goes to the object of its first cell, a random shard
 * where the cell is dense. Mounted by functions/app.ts ahead of the /api router, whose middleware sets headers on
 * every response: a 101 carrying a WebSocket must reach the runtime untouched.
 */
export const live = new Hono<{ Bindings: Env }>().get('/', queryParams(liveQuerySchema), async (c) => {
	if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
		throw new ApiError('upgrade_required', 'Open this path as a WebSocket (Upgrade: websocket).', {
			headers: { Upgrade: 'websocket' }
		});
	}
	const { cells } = c.get('query');
	const client = await hashedClientAddress(c);
	// Sockets per address are capped in each object; this bounds how many objects one address can fill.
	const limit = Number(c.env.LIVE_OPENS_LIMIT ?? LIVE_OPENS_DEFAULT);
	const verdict = await hitRateLimit(c.env.DB, `live:${client}`, limit, 600, new Date());
	if (!verdict.allowed)
		throw rateLimited(
			'Too many live connections from this address. Try again later.',
			verdict.retryAfterSeconds
		);
	const home = cells[0]!;
	const shard = pickShard(c.env, home);
	const headers = new Headers(c.req.raw.headers);
	headers.set(LIVE_CELLS_HEADER, cells.join(','));
	headers.set(HUB_NAME_HEADER, hubName(home, shard));
	headers.set(LIVE_CLIENT_HEADER, client);
	return hubFor(c.env, home, shard).fetch(new Request(c.req.url, { headers }));
});
