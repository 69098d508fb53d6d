import { EARTH_RADIUS_KM, maxDistanceToBoundsKm, minDistanceToBoundsKm } from './distance';
import {
	assertPoint,
	bitsBounds,
	GEOHASH_ALPHABET,
	REGION_PRECISION,
	type GeohashBounds,
	type LatLon
} from './geohash';

/** An inclusive range of 5-character geohash keys: a query reads `geohash BETWEEN from AND to`. */
export interface GeohashRange {
	from: string;
	to: string;
}

/** What `covering` returns: the ranges to scan, and how they were made. */
export interface Covering {
	/** The size of the cells that were tested against the circle (characters); the keys are always 5. */
	precision: number;
	/** Sorted, disjoint and not adjacent: two ranges never touch, or they would have been one. */
	ranges: GeohashRange[];
	/** How many cells of `precision` characters the ranges hold. */
	cellCount: number;
}

/** The radii a covering accepts (API.md's case radius bounds). */
export const MIN_RADIUS_KM = 1;
/** The radii a covering accepts (API.md's case radius bounds). */
export const MAX_RADIUS_KM = 500;

const KEY_BITS = 5 * REGION_PRECISION;
// Coverings are compared with distances computed another way; a millimetre of slack keeps a cell that only
// rounding would drop, and costs nothing.
const SLACK_KM = 1e-6;

/**
 * Precision 5 up to 300 km, precision 4 beyond: each range costs at least one query (the audience estimate runs
 * them all in one invocation, under D1's 1,000 queries), each extra cell costs rows read. Measured at latitudes
 * 0–60°: at 100 km precision 5 needs 63–94 ranges for 5–7 % extra area, precision 4 reads 25–41 % extra. At
 * 300 km precision 5 needs 190–280 ranges (12,000–24,000 cells) for 2 %, precision 4 30–55 ranges for 8–12 %;
 * at 500 km 350–450 ranges against 60–90 for 5–8 %. Switching below 300 km would pass 15 % extra area. Either
 * way nobody inside is missed: a cell whose centre is inside has a rectangle that meets the circle, and its
 * precision-4 parent holds it.
 */
export function coveringPrecision(radiusKm: number): number {
	return radiusKm <= 300 ? REGION_PRECISION : 4;
}

/**
 * The geohash cells whose rectangles meet the circle (on the sphere), merged into runs of consecutive 5-character
 * keys. Every geohash-5 cell whose centre is within `radiusKm` of `centre` lies in one of the ranges.
 */
export function covering(centre: LatLon, radiusKm: number): Covering {
	assertPoint(centre.lat, centre.lon);
	if (!(radiusKm >= MIN_RADIUS_KM && radiusKm <= MAX_RADIUS_KM)) {
		throw new RangeError(`radius must be ${MIN_RADIUS_KM}–${MAX_RADIUS_KM} km, got ${radiusKm}`);
	}
	return coveringAt(centre, radiusKm, coveringPrecision(radiusKm));
}

/** `covering` at a given precision (1–5), for comparing precisions in tests and benchmarks. */
export function coveringAt(centre: LatLon, radiusKm: number, precision: number): Covering {
	if (!Number.isInteger(precision) || precision < 1 || precision > REGION_PRECISION) {
		throw new RangeError(`covering precision must be an integer 1–${REGION_PRECISION}, got ${precision}`);
	}
	const walk: Walk = { centre, radiusKm, leafBits: 5 * precision, runs: [], cellCount: 0 };
	visit(walk, 0, 0, bitsBounds(0, 0));
	return { precision, ranges: walk.runs.map(toRange), cellCount: walk.cellCount };
}

interface Walk {
	centre: LatLon;
	radiusKm: number;
	leafBits: number;
	// Inclusive runs of keys as integers (25 bits), in ascending order.
	runs: [number, number][];
	cellCount: number;
}

// Descends the geohash tree one bit at a time (halving a rectangle each step) from the whole world, so only
// rectangles that meet the circle are ever split: the work follows the circle's edge, poles and the 180°
// meridian need no special case, and blocks come out in key order. A rectangle wholly inside the circle is taken
// whole without splitting it further.
function visit(walk: Walk, value: number, bits: number, b: GeohashBounds): void {
	if (minDistanceToBoundsKm(walk.centre, b) > walk.radiusKm + SLACK_KM) return;
	if (bits === walk.leafBits || maxDistanceToBoundsKm(walk.centre, b) <= walk.radiusKm) {
		take(walk, value, bits);
		return;
	}
	const [low, high] = split(b, bits);
	visit(walk, value * 2, bits + 1, low);
	visit(walk, value * 2 + 1, bits + 1, high);
}

function split(b: GeohashBounds, bits: number): [GeohashBounds, GeohashBounds] {
	if (bits % 2 === 0) {
		const mid = (b.minLon + b.maxLon) / 2;
		return [
			{ ...b, maxLon: mid },
			{ ...b, minLon: mid }
		];
	}
	const mid = (b.minLat + b.maxLat) / 2;
	return [
		{ ...b, maxLat: mid },
		{ ...b, minLat: mid }
	];
}

// Adds the block of keys under a `bits`-bit prefix, joining it to the previous run when they touch.
function take(walk: Walk, value: number, bits: number): void {
	const size = 2 ** (KEY_BITS - bits);
	const first = value * size;
	const last = first + size - 1;
	walk.cellCount += 2 ** (walk.leafBits - bits);
	const previous = walk.runs.at(-1);
	if (previous && previous[1] + 1 === first) previous[1] = last;
	else walk.runs.push([first, last]);
}

function toRange([first, last]: [number, number]): GeohashRange {
	return { from: keyOf(first), to: keyOf(last) };
}

function keyOf(value: number): string {
	let key = '';
	for (let i = 0; i < REGION_PRECISION; i++) {
		key = GEOHASH_ALPHABET[value % 32] + key;
		value = Math.floor(value / 32);
	}
	return key;
}

function valueOf(key: string): number {
	let value = 0;
	for (const char of key) value = value * 32 + GEOHASH_ALPHABET.indexOf(char);
	return value;
}

/** How many range scans a covering costs. */
export function rangeCount(result: Pick<Covering, 'ranges'>): number {
	return result.ranges.length;
}

/** The exact area on the sphere of every geohash-5 cell in the ranges, measured from the ranges alone. */
export function coveredAreaKm2(result: Pick<Covering, 'ranges'>): number {
	let area = 0;
	for (const range of result.ranges) {
		for (const [value, bits] of alignedBlocks(valueOf(range.from), valueOf(range.to))) {
			area += rectangleAreaKm2(bitsBounds(value, bits));
		}
	}
	return area;
}

// Splits a run of keys into blocks under a common prefix (value, prefix bits): each one a rectangle.
function alignedBlocks(first: number, last: number): [number, number][] {
	const blocks: [number, number][] = [];
	let start = first;
	while (start <= last) {
		let shift = 0;
		while (shift < KEY_BITS && start % 2 ** (shift + 1) === 0 && start + 2 ** (shift + 1) - 1 <= last)
			shift++;
		blocks.push([start / 2 ** shift, KEY_BITS - shift]);
		start += 2 ** shift;
	}
	return blocks;
}

/** R² · Δλ · (sin φ2 − sin φ1): the exact area of a lat/lon rectangle on the sphere. */
export function rectangleAreaKm2(b: GeohashBounds): number {
	const rad = Math.PI / 180;
	return (
		EARTH_RADIUS_KM ** 2 * (b.maxLon - b.minLon) * rad * (Math.sin(b.maxLat * rad) - Math.sin(b.minLat * rad))
	);
}

/** The area of the circle on the sphere: a spherical cap, 2πR²(1 − cos(r/R)). */
export function circleAreaKm2(radiusKm: number): number {
	return 2 * Math.PI * EARTH_RADIUS_KM ** 2 * (1 - Math.cos(radiusKm / EARTH_RADIUS_KM));
}

/** Covered area over the circle's area: 1.06 means the ranges read 6 % more ground than the circle holds. */
export function coveringAreaRatio(result: Pick<Covering, 'ranges'>, radiusKm: number): number {
	return coveredAreaKm2(result) / circleAreaKm2(radiusKm);
}
