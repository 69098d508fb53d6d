import { Hono } from 'hono';
import { decodeGeohash, distanceToCellKm, encodeGeohash, REGION_PRECISION } from '../../../src/lib/geo';
import { alertsQuerySchema } from '../../../src/lib/schemas';
import { listPublishedInLatBand, toCaseSummary } from '../../db/cases';
import type { Env } from '../../env';
import { ApiError } from '../http/errors';
import { queryParams } from '../http/validate';

/** No case reaches further than 500 km, ≈ 4.5° of latitude: the band prefilter never drops a true match. */
const MAX_RADIUS_DEGREES = 500 / 111.0;

export const alerts = new Hono<{ Bindings: Env }>().get('/', queryParams(alertsQuerySchema), async (c) => {
	const query = c.get('query');
	const cell = cellOf(query);
	const centre = decodeGeohash(cell);
	const rows = await listPublishedInLatBand(
		c.env.DB,
		centre.lat - MAX_RADIUS_DEGREES,
		centre.lat + MAX_RADIUS_DEGREES
	);
	// API.md "inside the radius": the same rule as the push selection, measured to the cell centre.
	const inside = rows
		.map((row) => ({ row, distanceKm: distanceToCellKm({ lat: row.lat, lon: row.lon }, cell) }))
		.filter(({ row, distanceKm }) => distanceKm <= row.radius_km)
		.sort((a, b) => (b.row.published_at ?? '').localeCompare(a.row.published_at ?? ''))
		.slice(0, query.limit);
	c.header('Cache-Control', 'public, max-age=30');
	return c.json({ alerts: inside.map(({ row, distanceKm }) => toCaseSummary(row, distanceKm)) });
});

function cellOf(query: { geohash?: string; lat?: number; lon?: number }): string {
	const hasPoint = query.lat !== undefined || query.lon !== undefined;
	if (query.geohash && hasPoint) {
		throw new ApiError('validation_failed', 'Give either geohash or lat and lon, not both.', {
			field: 'geohash'
		});
	}
	if (query.geohash) return query.geohash;
	if (query.lat !== undefined && query.lon !== undefined) {
		return encodeGeohash(query.lat, query.lon, REGION_PRECISION);
	}
	if (hasPoint) {
		const field = query.lat === undefined ? 'lat' : 'lon';
		throw new ApiError('missing_location', `Give both lat and lon (${field} is missing), or a geohash.`, {
			field
		});
	}
	throw new ApiError('missing_location', 'Give a location: geohash (5 characters) or lat and lon.');
}
