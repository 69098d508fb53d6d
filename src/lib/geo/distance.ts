import { decodeGeohash, type LatLon } from './geohash';

/** IUGG mean Earth radius. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance (haversine; stable for short and antipodal distances alike). */
export function haversineKm(a: LatLon, b: LatLon): number {
	const dLat = (b.lat - a.lat) * RAD;
	const dLon = (b.lon - a.lon) * RAD;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function distanceToCellKm(centre: LatLon, geohash: string): number {
	return haversineKm(centre, decodeGeohash(geohash));
}

/** API.md "inside the radius": the distance to the centre of the subscriber's geohash-5 cell ≤ the radius. */
export function isInsideRadius(centre: LatLon, radiusKm: number, geohash: string): boolean {
	return distanceToCellKm(centre, geohash) <= radiusKm;
}
