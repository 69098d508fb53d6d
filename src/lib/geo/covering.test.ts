import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	circleAreaKm2,
	coveredAreaKm2,
	covering,
	coveringAreaRatio,
	coveringAt,
	coveringPrecision,
	rangeCount,
	rectangleAreaKm2,
	type GeohashRange
} from './covering';
import { EARTH_RADIUS_KM, haversineKm, minDistanceToBoundsKm } from './distance';
import {
	decodeGeohash,
	encodeGeohash,
	GEOHASH_ALPHABET,
	geohashBounds,
	type GeohashBounds,
	type LatLon
} from './geohash';

// Geohash-5 is 12 bits of latitude by 13 of longitude.
const ROWS = 4096;
const COLUMNS = 8192;
const CELL_LAT = 180 / ROWS;
const CELL_LON = 360 / COLUMNS;
const RAD = Math.PI / 180;

const keyValue = (key: string) => [...key].reduce((v, char) => v * 32 + GEOHASH_ALPHABET.indexOf(char), 0);

// A cell's key as a number, interleaving column and row bits (longitude first): independent of encodeGeohash.
function cellKey(row: number, column: number): number {
	let key = 0;
	for (let bit = 12; bit >= 0; bit--) {
		key = key * 2 + ((column >> bit) & 1);
		if (bit > 0) key = key * 2 + ((row >> (bit - 1)) & 1);
	}
	return key;
}

function cellBox(row: number, column: number): GeohashBounds {
	const minLat = -90 + row * CELL_LAT;
	const minLon = -180 + column * CELL_LON;
	return { minLat, maxLat: minLat + CELL_LAT, minLon, maxLon: minLon + CELL_LON };
}

function cellCentre(row: number, column: number): LatLon {
	return { lat: -90 + (row + 0.5) * CELL_LAT, lon: -180 + (column + 0.5) * CELL_LON };
}

// Whether a numeric key lies in one of the sorted ranges (binary search).
function inRanges(key: number, ranges: [number, number][]): boolean {
	let [low, high] = [0, ranges.length - 1];
	while (low <= high) {
		const mid = (low + high) >> 1;
		const [from, to] = ranges[mid]!;
		if (key < from) high = mid - 1;
		else if (key > to) low = mid + 1;
		else return true;
	}
	return false;
}

const numeric = (ranges: GeohashRange[]): [number, number][] =>
	ranges.map((r) => [keyValue(r.from), keyValue(r.to)]);

// Columns of a one-row latitude band that can hold a point within `radiusKm`: from the haversine formula,
// cos φ · cos φc · sin²(Δλ/2) ≤ sin²(r/2R) at any point within r, and cos φ is smallest at the band's edge
// farther from the equator. Every column when the band may reach round a pole.
function candidateColumns(centre: LatLon, radiusKm: number, row: number): { first: number; count: number } {
	const box = cellBox(row, 0);
	const cosBand = Math.cos(Math.max(Math.abs(box.minLat), Math.abs(box.maxLat)) * RAD);
	const ratio = Math.sin(radiusKm / (2 * EARTH_RADIUS_KM)) / Math.sqrt(cosBand * Math.cos(centre.lat * RAD));
	const spanDegrees = ratio < 0.99 ? (2 * Math.asin(ratio)) / RAD : 180;
	if (spanDegrees > 170) return { first: 0, count: COLUMNS };
	return {
		first: Math.floor((centre.lon - spanDegrees + 180) / CELL_LON) - 2,
		count: Math.ceil((2 * spanDegrees) / CELL_LON) + 5
	};
}

// Brute force: every geohash-5 cell (row, column) that could come within the radius, with a margin.
function forEachCandidate(
	centre: LatLon,
	radiusKm: number,
	visit: (row: number, column: number) => void
): void {
	const latSpan = radiusKm / 111 + 2 * CELL_LAT;
	const firstRow = Math.max(0, Math.floor((centre.lat - latSpan + 90) / CELL_LAT));
	const lastRow = Math.min(ROWS - 1, Math.floor((centre.lat + latSpan + 90) / CELL_LAT));
	for (let row = firstRow; row <= lastRow; row++) {
		const { first, count } = candidateColumns(centre, radiusKm, row);
		for (let k = 0; k < count; k++) visit(row, (((first + k) % COLUMNS) + COLUMNS) % COLUMNS);
	}
}

// Keys of the cells whose centre is within the radius: those "inside" by API.md's rule.
function cellsInside(centre: LatLon, radiusKm: number): number[] {
	const inside: number[] = [];
	forEachCandidate(centre, radiusKm, (row, column) => {
		if (haversineKm(centre, cellCentre(row, column)) <= radiusKm) inside.push(cellKey(row, column));
	});
	return inside;
}

// The keys missing from a covering's ranges, as geohashes (for the failure message).
function missing(keys: number[], ranges: GeohashRange[]): string[] {
	const runs = numeric(ranges);
	return keys.filter((key) => !inRanges(key, runs)).map(keyOf);
}

function keyOf(value: number): string {
	let key = '';
	for (let i = 0; i < 5; i++, value = Math.floor(value / 32)) key = GEOHASH_ALPHABET[value % 32] + key;
	return key;
}

function expectWellFormed(ranges: GeohashRange[]): void {
	for (const [i, range] of ranges.entries()) {
		expect(range.from).toMatch(/^[0-9b-hjkmnp-z]{5}$/);
		expect(range.to).toMatch(/^[0-9b-hjkmnp-z]{5}$/);
		expect(range.from <= range.to).toBe(true);
		const previous = ranges[i - 1];
		// Strictly after the key that follows the previous range: touching ranges should have been merged.
		if (previous) expect(keyValue(range.from)).toBeGreaterThan(keyValue(previous.to) + 1);
	}
}

const latitude = fc.oneof(
	{ weight: 6, arbitrary: fc.double({ min: -85, max: 85, noNaN: true }) },
	{ weight: 1, arbitrary: fc.constantFrom(90, -90, 89.99, -89.9, 87.5, -86) }
);
const longitude = fc.oneof(
	{ weight: 4, arbitrary: fc.double({ min: -180, max: 180, noNaN: true }) },
	{ weight: 1, arbitrary: fc.constantFrom(180, -180, 179.99, -179.97, 0) }
);
const radius = fc.oneof(
	{ weight: 4, arbitrary: fc.double({ min: 1, max: 500, noNaN: true }) },
	{ weight: 1, arbitrary: fc.constantFrom(1, 5, 100, 300, 300.5, 500) }
);

describe('the brute force', () => {
	it('numbers cells as encodeGeohash does', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: ROWS - 1 }),
				fc.integer({ min: 0, max: COLUMNS - 1 }),
				(row, column) => {
					const centre = cellCentre(row, column);
					expect(keyOf(cellKey(row, column))).toBe(encodeGeohash(centre.lat, centre.lon, 5));
					expect(cellBox(row, column)).toEqual(geohashBounds(keyOf(cellKey(row, column))));
				}
			)
		);
	});
});

describe('covering', () => {
	it('holds every geohash-5 cell whose centre is inside the radius (brute force)', () => {
		fc.assert(
			fc.property(latitude, longitude, radius, (lat, lon, radiusKm) => {
				const centre = { lat, lon };
				const { ranges } = covering(centre, radiusKm);
				expectWellFormed(ranges);
				expect(missing(cellsInside(centre, radiusKm), ranges)).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it.each([
		['the north pole', 90, 0, 500],
		['the south pole', -90, 123, 60],
		['a point 1 km from the north pole', 89.991, -45, 3],
		['near the south pole, reaching round it', -89.5, 45, 120],
		['across the 180° meridian from the east', 51.2, 179.8, 100],
		['across the 180° meridian from the west', -16.5, -179.9, 80],
		['on the 180° meridian', 65, 180, 250],
		['on the equator and the prime meridian', 0, 0, 20],
		['the smallest radius, on a cell centre', decodeGeohash('wtw3s').lat, decodeGeohash('wtw3s').lon, 1],
		['the largest radius', 31.23, 121.47, 500],
		['the largest radius at precision 5', 45, 10, 300]
	])('is complete at %s', (_name, lat, lon, radiusKm) => {
		const centre = { lat, lon };
		const { ranges } = covering(centre, radiusKm);
		expectWellFormed(ranges);
		const inside = cellsInside(centre, radiusKm);
		expect(inside.length).toBeGreaterThan(0);
		expect(missing(inside, ranges)).toEqual([]);
	});

	it('holds at precision 5 exactly the cells whose rectangles meet the circle (give or take its slack)', () => {
		fc.assert(
			fc.property(latitude, longitude, fc.double({ min: 1, max: 150, noNaN: true }), (lat, lon, radiusKm) => {
				const centre = { lat, lon };
				const result = coveringAt(centre, radiusKm, 5);
				const meeting: number[] = [];
				// The covering keeps a millimetre of slack (covering.ts); fast-check's shrinker finds radii that
				// end exactly inside it, so a cell that far past the circle may be held but is not required.
				let withinSlack = 0;
				forEachCandidate(centre, radiusKm, (row, column) => {
					const distanceKm = minDistanceToBoundsKm(centre, cellBox(row, column));
					if (distanceKm <= radiusKm) meeting.push(cellKey(row, column));
					else if (distanceKm <= radiusKm + 1e-6) withinSlack++;
				});
				expect(missing(meeting, result.ranges)).toEqual([]);
				expect(result.cellCount).toBeGreaterThanOrEqual(meeting.length);
				expect(result.cellCount).toBeLessThanOrEqual(meeting.length + withinSlack);
			}),
			{ numRuns: 150 }
		);
	});

	// The overshoot is the ring of boundary cells, about one cell (≈ 4.9 km) against the radius: at 50 km a scan of
	// latitudes 0–60° finds 1.155 at worst, so 1.17 leaves room for the float noise of any one point.
	it('reads at most 1.17 × the circle for radii ≥ 50 km at latitudes 0–60°', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 60, noNaN: true }),
				longitude,
				fc.double({ min: 50, max: 500, noNaN: true }),
				(lat, lon, radiusKm) => {
					const result = covering({ lat, lon }, radiusKm);
					expect(coveringAreaRatio(result, radiusKm)).toBeGreaterThan(1);
					expect(coveringAreaRatio(result, radiusKm)).toBeLessThanOrEqual(1.17);
				}
			),
			{ numRuns: 200 }
		);
	});

	it.each([
		['Beijing', 39.9042, 116.4074],
		['Shanghai', 31.2304, 121.4737],
		['Guangzhou', 23.1291, 113.2644],
		['Chengdu', 30.5728, 104.0668],
		['Wuhan', 30.5928, 114.3055],
		["Xi'an", 34.3416, 108.9398]
	])('needs 65–85 ranges and ≈ 1.06 × the circle at 100 km around %s', (_city, lat, lon) => {
		const result = covering({ lat, lon }, 100);
		expect(result.precision).toBe(5);
		expect(rangeCount(result)).toBeGreaterThanOrEqual(65);
		expect(rangeCount(result)).toBeLessThanOrEqual(85);
		expect(coveringAreaRatio(result, 100)).toBeGreaterThan(1.03);
		expect(coveringAreaRatio(result, 100)).toBeLessThan(1.08);
	});

	it('switches to precision 4 past 300 km, whose ranges span whole precision-4 cells', () => {
		expect(coveringPrecision(300)).toBe(5);
		expect(coveringPrecision(300.01)).toBe(4);
		const result = covering({ lat: 30, lon: 114 }, 400);
		expect(result.precision).toBe(4);
		expectWellFormed(result.ranges);
		for (const range of result.ranges) {
			expect(range.from.endsWith('0')).toBe(true);
			expect(range.to.endsWith('z')).toBe(true);
		}
	});

	it('computes a 500 km covering well within 50 ms', () => {
		covering({ lat: 0, lon: 0 }, 500);
		const started = performance.now();
		for (let i = 0; i < 10; i++) covering({ lat: 5 * i, lon: 100 + i }, 300 + 20 * i);
		expect((performance.now() - started) / 10).toBeLessThan(50);
	});

	it.each([0, 0.999, 500.001, Number.NaN, Number.POSITIVE_INFINITY, -100])(
		'refuses a radius of %f km',
		(km) => {
			expect(() => covering({ lat: 0, lon: 0 }, km)).toThrow(RangeError);
		}
	);

	it.each([
		[90.5, 0],
		[0, 180.5],
		[Number.NaN, 0]
	])('refuses a centre at %f, %f', (lat, lon) => {
		expect(() => covering({ lat, lon }, 100)).toThrow(RangeError);
	});
});

describe('coveredAreaKm2', () => {
	it('measures the whole world as 4πR² and one cell as its rectangle', () => {
		expect(coveredAreaKm2({ ranges: [{ from: '00000', to: 'zzzzz' }] })).toBeCloseTo(
			4 * Math.PI * EARTH_RADIUS_KM ** 2,
			-1
		);
		expect(coveredAreaKm2({ ranges: [{ from: 'wx4g0', to: 'wx4g0' }] })).toBeCloseTo(
			rectangleAreaKm2(geohashBounds('wx4g0')),
			9
		);
	});

	it('equals the sum of the cells in the ranges', () => {
		const result = covering({ lat: 39.9, lon: 116.4 }, 30);
		let sum = 0;
		for (const range of result.ranges) {
			for (let value = keyValue(range.from); value <= keyValue(range.to); value++) {
				let key = '';
				for (let v = value, i = 0; i < 5; i++, v = Math.floor(v / 32)) key = GEOHASH_ALPHABET[v % 32] + key;
				sum += rectangleAreaKm2(geohashBounds(key));
			}
		}
		expect(coveredAreaKm2(result)).toBeCloseTo(sum, 6);
	});

	it('compares with the spherical cap, a hair under πr²', () => {
		expect(circleAreaKm2(100)).toBeLessThan(Math.PI * 100 ** 2);
		expect(circleAreaKm2(100)).toBeGreaterThan(Math.PI * 100 ** 2 * 0.9999);
	});
});
