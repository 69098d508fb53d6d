import { Hono } from 'hono';
import { computeStats } from '../../../src/lib/stats/compute';
import { casesForStats } from '../../db/stats';
import type { Env } from '../../env';
import { publicJson } from '../../public-http/cache';

/** `GET /api/stats` (API.md "Statistics"): months on the force's clock, the zone every page shows. */
export const stats = new Hono<{ Bindings: Env }>().get('/', async (c) => {
	const zone = c.env.PUBLIC_TIME_ZONE || 'UTC';
	const body = computeStats(await casesForStats(c.env.DB), zone, new Date());
	// Counts move slowly; five minutes of caching keeps a widely shared statistics page off D1.
	return publicJson(c, body, 'public, max-age=300');
});
