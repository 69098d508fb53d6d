import { EARTH_RADIUS_KM, haversineKm } from './distance';
import {
	encodeGeohash,
	GEOHASH_ALPHABET,
	REGION_PRECISION,
	type GeohashBounds,
	type LatLon
} from './geohash';

/** An inclusive range of geohash-5 keys: a query reads `geohash BETWEEN from AND to`. */
export interface GeohashRange {
	from: string;
	to: string;
}

export interface Covering {
	precision: number;
	ranges: GeohashRange[];
	cellCount: number;
	/** Area of the covered cells, to compare with the circle's (π r² on the sphere, near enough). */
	areaKm2: number;
}

const RAD = Math.PI / 180;
const KM_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_KM) / 180;

/**
 * Precision 5 (≈ 4.9 km cells) keeps the extra area near 6 % at 100 km (65–85 ranges); beyond 320 km the number
 * of precision-5 ranges grows past a few hundred queries, while precision-4 cells (≈ 39 × 20 km) are by then
 * small against the circle. A coarser cell still contains every finer cell whose centre is inside, so nobody
 * inside is missed either way; the exact rule is applied per row afterwards.
 */
export function precisionFor(radiusKm: number): number {
	return radiusKm <= 320 ? REGION_PRECISION : 4;
}

/** The cells whose rectangles meet the circle, as merged runs of consecutive geohash-5 keys. */
export function covering(centre: LatLon, radiusKm: number): Covering {
	if (!(radiusKm >= 1 && radiusKm <= 500)) throw new RangeError(`radius must be 1–500 km, got ${radiusKm}`);
	const precision = precisionFor(radiusKm);
	const lonBits = Math.ceil((5 * precision) / 2);
	const latBits = Math.floor((5 * precision) / 2);
	const cellLat = 180 / 2 ** latBits;
	const cellLon = 360 / 2 ** lonBits;
	const lonCells = 2 ** lonBits;

	const latSpan = radiusKm / KM_PER_DEGREE_LAT;
	const firstRow = Math.max(0, Math.floor((centre.lat - latSpan + 90) / cellLat) - 1);
	const lastRow = Math.min(2 ** latBits - 1, Math.floor((centre.lat + latSpan + 90) / cellLat) + 1);
	const lonSpan = longitudeSpan(centre, radiusKm);
	const columns = lonSpan >= 180 ? lonCells : Math.min(lonCells, Math.ceil((2 * lonSpan) / cellLon) + 3);
	const firstColumn = lonSpan >= 180 ? 0 : Math.floor((centre.lon - lonSpan + 180) / cellLon) - 1;

	const keys = new Set<number>();
	let areaKm2 = 0;
	for (let row = firstRow; row <= lastRow; row++) {
		const minLat = -90 + row * cellLat;
		for (let k = 0; k < columns; k++) {
			const column = (((firstColumn + k) % lonCells) + lonCells) % lonCells;
			const minLon = -180 + column * cellLon;
			const bounds = { minLat, maxLat: minLat + cellLat, minLon, maxLon: minLon + cellLon };
			if (minDistanceKm(centre, bounds) > radiusKm) continue;
			const hash = encodeGeohash(minLat + cellLat / 2, minLon + cellLon / 2, precision);
			const value = hashValue(hash);
			if (keys.has(value)) continue;
			keys.add(value);
			areaKm2 += cellAreaKm2(bounds);
		}
	}
	return {
		precision,
		ranges: mergeRuns(
			[...keys].sort((a, b) => a - b),
			precision
		),
		cellCount: keys.size,
		areaKm2
	};
}

/** Half the longitude extent of the circle; 180 when it contains a pole. */
function longitudeSpan(centre: LatLon, radiusKm: number): number {
	const angular = radiusKm / EARTH_RADIUS_KM;
	const toPole = (90 - Math.abs(centre.lat)) * RAD;
	if (angular >= toPole) return 180;
	const ratio = Math.sin(angular) / Math.cos(centre.lat * RAD);
	return ratio >= 1 ? 180 : Math.asin(ratio) / RAD;
}

/** The smallest great-circle distance from a point to a lat/lon rectangle (0 inside it). */
export function minDistanceKm(p: LatLon, b: GeohashBounds): number {
	if (longitudeWithin(p.lon, b.minLon, b.maxLon)) {
		return haversineKm(p, { lat: Math.min(Math.max(p.lat, b.minLat), b.maxLat), lon: p.lon });
	}
	// Outside the longitude span, the nearest point lies on the nearer meridian edge for every latitude.
	return Math.min(
		toMeridianSegmentKm(p, b.minLon, b.minLat, b.maxLat),
		toMeridianSegmentKm(p, b.maxLon, b.minLat, b.maxLat)
	);
}

function longitudeWithin(lon: number, min: number, max: number): boolean {
	const offset = (((lon - min) % 360) + 360) % 360;
	return offset <= max - min;
}

function toMeridianSegmentKm(p: LatLon, lon: number, minLat: number, maxLat: number): number {
	const dLon = (lon - p.lon) * RAD;
	// The foot of the perpendicular from p on the meridian's great circle; past 90° of longitude it is a pole.
	const foot =
		Math.cos(dLon) > 0 ? Math.atan(Math.tan(p.lat * RAD) / Math.cos(dLon)) / RAD : p.lat >= 0 ? 90 : -90;
	return haversineKm(p, { lat: Math.min(Math.max(foot, minLat), maxLat), lon });
}

/** R² · Δλ · (sin φ2 − sin φ1): the exact area of a lat/lon rectangle on the sphere. */
export function cellAreaKm2(b: GeohashBounds): number {
	return (
		EARTH_RADIUS_KM ** 2 * (b.maxLon - b.minLon) * RAD * (Math.sin(b.maxLat * RAD) - Math.sin(b.minLat * RAD))
	);
}

function hashValue(hash: string): number {
	let value = 0;
	for (const char of hash) value = value * 32 + GEOHASH_ALPHABET.indexOf(char);
	return value;
}

function hashOf(value: number, precision: number): string {
	let hash = '';
	for (let i = 0; i < precision; i++) {
		hash = GEOHASH_ALPHABET[value % 32] + hash;
		value = Math.floor(value / 32);
	}
	return hash;
}

/** Consecutive keys (in base32 order) become one range; coarser keys widen to every geohash-5 below them. */
function mergeRuns(sorted: number[], precision: number): GeohashRange[] {
	const pad = REGION_PRECISION - precision;
	const ranges: GeohashRange[] = [];
	let start = sorted[0];
	let previous = start;
	for (const value of sorted.slice(1).concat([NaN])) {
		if (start === undefined || previous === undefined) break;
		if (value === previous + 1) {
			previous = value;
			continue;
		}
		ranges.push({
			from: hashOf(start, precision) + '0'.repeat(pad),
			to: hashOf(previous, precision) + 'z'.repeat(pad)
		});
		[start, previous] = [value, value];
	}
	return ranges;
}

/** The covered area over the circle's area (spherical cap 2πR²(1 − cos(r/R))). */
export function coveringAreaRatio(result: Covering, radiusKm: number): number {
	const cap = 2 * Math.PI * EARTH_RADIUS_KM ** 2 * (1 - Math.cos(radiusKm / EARTH_RADIUS_KM));
	return result.areaKm2 / cap;
}
