import type { Polygon, Position } from 'geojson';
import type { LatLon, MapCircle } from './types';

/** IUGG mean Earth radius; drawing only needs to agree with the server's selection to well under a pixel. */
const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/**
 * The geodesic circle around `centre` as a GeoJSON polygon (great-circle destination points, spherical Earth).
 *
 * Longitudes are kept continuous around the centre instead of being wrapped into ±180, so a circle across the
 * antimeridian is one ring (MapLibre draws longitudes past 180 on the neighbouring world copy). A circle that
 * contains a pole is closed through that pole (MapLibre clamps it to the Mercator edge).
 */
export function circlePolygon(centre: LatLon, radiusKm: number, steps = 64): Polygon {
	const phi1 = rad(centre.lat);
	const lambda1 = rad(centre.lon);
	const delta = radiusKm / EARTH_RADIUS_KM;
	const ring: Position[] = [];
	for (let i = 0; i < steps; i++) {
		// Start due south and go anticlockwise (east first), so the ring follows GeoJSON's right-hand rule.
		const theta = Math.PI - (2 * Math.PI * i) / steps;
		const phi2 = Math.asin(
			Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta)
		);
		const dLambda = Math.atan2(
			Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
			Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2)
		);
		ring.push([deg(lambda1 + dLambda), deg(phi2)]);
	}
	unwrap(ring);
	const first = ring[0] as Position;
	const span = ((ring[ring.length - 1] as Position)[0] as number) - (first[0] as number);
	if (Math.abs(span) > 180) {
		// The ring went once around a pole: finish the lap, then close it through the pole.
		const lon = (first[0] as number) + Math.sign(span) * 360;
		const pole = centre.lat > 0 ? 90 : -90;
		ring.push([lon, first[1] as number], [lon, pole], [first[0] as number, pole]);
	}
	ring.push([first[0] as number, first[1] as number]);
	return { type: 'Polygon', coordinates: [ring] };
}

/** Removes ±360° jumps between consecutive longitudes (atan2 may wrap them). */
function unwrap(ring: Position[]): void {
	for (let i = 1; i < ring.length; i++) {
		const prev = (ring[i - 1] as Position)[0] as number;
		const p = ring[i] as Position;
		let lon = p[0] as number;
		while (lon - prev > 180) lon -= 360;
		while (lon - prev < -180) lon += 360;
		p[0] = lon;
	}
}

/** [[west, south], [east, north]] around all the circles, for `fitBounds`; undefined when there are none. */
export function circlesBounds(
	circles: readonly Pick<MapCircle, 'lat' | 'lon' | 'radiusKm'>[]
): [[number, number], [number, number]] | undefined {
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	for (const c of circles) {
		for (const [lon, lat] of circlePolygon(c, c.radiusKm, 32).coordinates[0] as Position[]) {
			west = Math.min(west, lon as number);
			east = Math.max(east, lon as number);
			south = Math.min(south, lat as number);
			north = Math.max(north, lat as number);
		}
	}
	return circles.length
		? [
				[west, south],
				[east, north]
			]
		: undefined;
}
