import { Hono } from 'hono';
import { placesQuerySchema, reverseQuerySchema } from '../../../src/lib/schemas';
import type { Env } from '../../env';
import { findPlaces, placeAt } from '../../places';
import { queryParams } from '../http/validate';

// The gazetteer changes only with a deployment: a day at the edge and in browsers.
const CACHE = 'public, max-age=86400, stale-while-revalidate=86400';

/**
 * `GET /api/places` and `/api/places/reverse` (API.md "Places"). Nothing typed is logged: the query is neither
 * written to D1 nor printed, and errors name the field, never echo its value.
 */
export const places = new Hono<{ Bindings: Env }>()
	.get('/', queryParams(placesQuerySchema), (c) => {
		const { q, near, limit } = c.get('query');
		c.header('Cache-Control', CACHE);
		return c.json({ places: findPlaces(q, { near, limit }) });
	})
	.get('/reverse', queryParams(reverseQuerySchema), (c) => {
		const { lat, lon } = c.get('query');
		c.header('Cache-Control', CACHE);
		return c.json({ place: placeAt({ lat, lon }) });
	});
