import { Hono } from 'hono';
import { decodeGeohash, distanceToCellKm, encodeGeohash, REGION_PRECISION } from '../../../src/lib/geo';
import { alertsQuerySchema, type PublicAlert } from '../../../src/lib/schemas';
import { listPublicInLatBand, listPublishedInLatBand, toCaseSummary, type CaseRow } from '../../db/cases';
import type { Env } from '../../env';
import { signedJson } from '../../public-http/cache';
import { signingKeys } from '../../signing/keys';
import { signAlert } from '../../signing/sign';
import { ApiError } from '../http/errors';
import { queryParams } from '../http/validate';

/** No case reaches further than 500 km, ≈ 4.5° of latitude: the band prefilter never drops a true match. */
const MAX_RADIUS_DEGREES = 500 / 111.0;
/** include=closed: how long a resolved or cancelled case stays listed (API.md: the last 24 h). */
const CLOSED_WINDOW_MS = 24 * 3_600_000;

/**
 * One item as the public sees it: a cancelled case without the child (API.md "Cases in public view"), a
 * resolved one with when it was resolved, so a widget can show "Found" for a day.
 */
function publicAlert(row: CaseRow, distanceKm: number): PublicAlert {
	const rounded = Math.round(distanceKm * 10) / 10;
	if (row.status === 'cancelled') {
		return {
			id: row.id,
			status: row.status,
			cancelledAt: row.cancelled_at ?? row.updated_at,
			distanceKm: rounded
		};
	}
	const summary = toCaseSummary(row, distanceKm);
	return row.status === 'resolved'
		? { ...summary, resolvedAt: row.resolved_at, outcome: row.outcome }
		: { ...summary };
}

export const alerts = new Hono<{ Bindings: Env }>().get('/', queryParams(alertsQuerySchema), async (c) => {
	const query = c.get('query');
	const cell = cellOf(query);
	const centre = decodeGeohash(cell);
	const [minLat, maxLat] = [centre.lat - MAX_RADIUS_DEGREES, centre.lat + MAX_RADIUS_DEGREES];
	const rows =
		query.include === 'closed'
			? await listPublicInLatBand(c.env.DB, minLat, maxLat, new Date(Date.now() - CLOSED_WINDOW_MS))
			: await listPublishedInLatBand(c.env.DB, minLat, maxLat);
	// API.md "inside the radius": the same rule as the push selection, measured to the cell centre.
	const inside = rows
		.map((row) => ({ row, distanceKm: distanceToCellKm({ lat: row.lat, lon: row.lon }, cell) }))
		.filter(({ row, distanceKm }) => distanceKm <= row.radius_km)
		.sort((a, b) => (b.row.published_at ?? '').localeCompare(a.row.published_at ?? ''))
		.slice(0, query.limit);
	const unsigned = inside.map(({ row, distanceKm }) => publicAlert(row, distanceKm));
	// API.md: every item signed, so a reposted copy can be checked against the published keys.
	const keys = await signingKeys(c.env);
	const signed = await Promise.all(unsigned.map((alert) => signAlert(keys, alert)));
	return signedJson(c, { alerts: signed }, { alerts: unsigned });
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
