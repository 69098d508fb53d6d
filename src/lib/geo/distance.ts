import { decodeGeohash, isGeohash, REGION_PRECISION, type GeohashBounds, type LatLon } from './geohash';

/** IUGG mean Earth radius. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
const HALF_CIRCUMFERENCE_KM = Math.PI * EARTH_RADIUS_KM;

/** Great-circle distance on the sphere (haversine: accurate for a few metres as for antipodes). */
export function haversineKm(a: LatLon, b: LatLon): number {
	const dLat = (b.lat - a.lat) * RAD;
	const dLon = (b.lon - a.lon) * RAD;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Great-circle distance from a point to the centre of a geohash cell. */
export function distanceToCellKm(centre: LatLon, geohash: string): number {
	return haversineKm(centre, decodeGeohash(geohash));
}

/**
 * API.md "inside the radius": the distance from the case's point to the centre of the subscriber's geohash-5
 * cell is ≤ the radius. Throws a RangeError for anything but a 5-character geohash, since a longer or shorter
 * hash has another centre and would silently apply a different rule.
 */
export function isInsideRadius(centre: LatLon, radiusKm: number, geohash5: string): boolean {
	if (!isGeohash(geohash5, REGION_PRECISION)) {
		throw new RangeError(`not a ${REGION_PRECISION}-character geohash: ${JSON.stringify(geohash5)}`);
	}
	return distanceToCellKm(centre, geohash5) <= radiusKm;
}

/** The smallest great-circle distance from a point to a lat/lon rectangle (0 when the point is inside it). */
export function minDistanceToBoundsKm(p: LatLon, b: GeohashBounds): number {
	if (longitudeWithin(p.lon, b.minLon, b.maxLon)) {
		// Along a parallel, distance grows with the longitude gap, so the nearest point shares p's meridian.
		return haversineKm(p, { lat: clamp(p.lat, b.minLat, b.maxLat), lon: p.lon });
	}
	// For the same reason, outside the longitude span the nearest point lies on one of the two meridian edges.
	return Math.min(
		toMeridianSegmentKm(p, b.minLon, b.minLat, b.maxLat),
		toMeridianSegmentKm(p, b.maxLon, b.minLat, b.maxLat)
	);
}

/** The largest great-circle distance from a point to a lat/lon rectangle. */
export function maxDistanceToBoundsKm(p: LatLon, b: GeohashBounds): number {
	// The farthest point from p is the nearest to its antipode.
	const antipode = { lat: -p.lat, lon: p.lon > 0 ? p.lon - 180 : p.lon + 180 };
	return HALF_CIRCUMFERENCE_KM - minDistanceToBoundsKm(antipode, b);
}

function longitudeWithin(lon: number, min: number, max: number): boolean {
	const offset = (((lon - min) % 360) + 360) % 360;
	return offset <= max - min;
}

// Along a meridian, cos(distance) = A·sin φ + B·cos φ = √(A²+B²)·cos(φ − φ*), one hump peaking at
// φ* = atan2(A, B); on a latitude interval the nearest point is φ* when the interval holds it, else an end.
// φ* beyond ±90° (meridians more than 90° of longitude away) never lies in the interval, so only the ends count.
function toMeridianSegmentKm(p: LatLon, lon: number, minLat: number, maxLat: number): number {
	const peak = Math.atan2(Math.sin(p.lat * RAD), Math.cos(p.lat * RAD) * Math.cos((lon - p.lon) * RAD)) / RAD;
	if (peak >= minLat && peak <= maxLat) return haversineKm(p, { lat: peak, lon });
	return Math.min(haversineKm(p, { lat: minLat, lon }), haversineKm(p, { lat: maxLat, lon }));
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(Math.max(value, min), max);
}
