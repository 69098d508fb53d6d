import { Hono } from 'hono';
import { liveQuerySchema } from '../../../src/lib/schemas/live';
import type { Env } from '../../env';
import { hubFor, hubName, HUB_NAME_HEADER, LIVE_CELLS_HEADER, pickShard } from '../../live/hubs';
import { ApiError } from '../http/errors';
import { queryParams } from '../http/validate';

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
	const home = cells[0]!;
	const shard = pickShard(c.env, home);
	const headers = new Headers(c.req.raw.headers);
	headers.set(LIVE_CELLS_HEADER, cells.join(','));
	headers.set(HUB_NAME_HEADER, hubName(home, shard));
	return hubFor(c.env, home, shard).fetch(new Request(c.req.url, { headers }));
});
