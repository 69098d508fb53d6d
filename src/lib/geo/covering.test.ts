import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covering, coveringAreaRatio, type GeohashRange } from './covering';
import { haversineKm } from './distance';
import { encodeGeohash } from './geohash';

const CELL = 180 / 4096; // a geohash-5 cell is 2^12 rows × 2^13 columns: 0.0439° square

function inRanges(hash: string, ranges: GeohashRange[]): boolean {
	return ranges.some((r) => r.from <= hash && hash <= r.to);
}

/** Every geohash-5 cell centre near the circle, by brute force over a latitude/longitude box. */
function cellsInside(centre: { lat: number; lon: number }, radiusKm: number): string[] {
	const inside: string[] = [];
	const latSpan = radiusKm / 111 + CELL;
	const firstRow = Math.max(0, Math.floor((centre.lat - latSpan + 90) / CELL));
	const lastRow = Math.min(4095, Math.floor((centre.lat + latSpan + 90) / CELL));
	for (let row = firstRow; row <= lastRow; row++) {
		const lat = -90 + (row + 0.5) * CELL;
		const cos = Math.cos((lat * Math.PI) / 180);
		const lonSpan = cos < radiusKm / 6000 ? 180 : Math.min(180, radiusKm / (111 * cos) + 2 * CELL);
		const columns = Math.min(8192, Math.ceil((2 * lonSpan) / CELL) + 2);
		const first = Math.floor((centre.lon - lonSpan + 180) / CELL);
		for (let k = 0; k < columns; k++) {
			const column = (((first + k) % 8192) + 8192) % 8192;
			const lon = -180 + (column + 0.5) * CELL;
			if (haversineKm(centre, { lat, lon }) <= radiusKm) inside.push(encodeGeohash(lat, lon, 5));
		}
	}
	return inside;
}

describe('covering', () => {
	it('contains every geohash-5 cell whose centre is inside the radius (random centres and radii)', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -85, max: 85, noNaN: true }),
				fc.double({ min: -180, max: 180, noNaN: true }),
				fc.double({ min: 1, max: 150, noNaN: true }),
				(lat, lon, radiusKm) => {
					const { ranges } = covering({ lat, lon }, radiusKm);
					for (const hash of cellsInside({ lat, lon }, radiusKm))
						expect(inRanges(hash, ranges), hash).toBe(true);
				}
			),
			{ numRuns: 40 }
		);
	});

	it.each([
		['the north pole', 90, 0, 60],
		['near the south pole', -89.5, 45, 120],
		['across the 180° meridian', 51.2, 179.8, 100],
		['across the 180° meridian from the west', -16.5, -179.9, 80],
		['a large radius', 31.23, 121.47, 500],
		['a radius just above the precision switch', 45.0, 10.0, 330]
	])('is complete at %s', (_name, lat, lon, radiusKm) => {
		const { ranges } = covering({ lat, lon }, radiusKm);
		for (const hash of cellsInside({ lat, lon }, radiusKm)) expect(inRanges(hash, ranges), hash).toBe(true);
	});

	it('covers at most 1.15 × the circle for radii ≥ 50 km at latitudes 0–60°', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 60, noNaN: true }),
				fc.double({ min: -180, max: 180, noNaN: true }),
				fc.double({ min: 50, max: 500, noNaN: true }),
				(lat, lon, radiusKm) => {
					expect(coveringAreaRatio(covering({ lat, lon }, radiusKm), radiusKm)).toBeLessThanOrEqual(1.15);
				}
			),
			{ numRuns: 150 }
		);
	});

	it.each([
		['Beijing', 39.9042, 116.4074],
		['Shanghai', 31.2304, 121.4737],
		['Guangzhou', 23.1291, 113.2644],
		['Chengdu', 30.5728, 104.0668],
		['Wuhan', 30.5928, 114.3055],
		["Xi'an", 34.3416, 108.9398]
	])('needs 65–85 ranges and about 6 %% extra area at 100 km around %s', (_city, lat, lon) => {
		const result = covering({ lat, lon }, 100);
		expect(result.precision).toBe(5);
		expect(result.ranges.length).toBeGreaterThanOrEqual(65);
		expect(result.ranges.length).toBeLessThanOrEqual(85);
		expect(coveringAreaRatio(result, 100)).toBeLessThan(1.08);
	});

	it('returns sorted, disjoint ranges of 5-character keys', () => {
		const { ranges } = covering({ lat: 30, lon: 114 }, 400);
		for (const [i, range] of ranges.entries()) {
			expect(range.from).toHaveLength(5);
			expect(range.to).toHaveLength(5);
			expect(range.from <= range.to).toBe(true);
			if (i > 0) expect(ranges[i - 1]!.to < range.from).toBe(true);
		}
	});

	it('refuses radii outside 1–500 km', () => {
		expect(() => covering({ lat: 0, lon: 0 }, 0.5)).toThrow(RangeError);
		expect(() => covering({ lat: 0, lon: 0 }, 501)).toThrow(RangeError);
	});
});
