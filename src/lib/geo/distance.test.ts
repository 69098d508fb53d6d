import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	distanceToCellKm,
	EARTH_RADIUS_KM,
	haversineKm,
	isInsideRadius,
	maxDistanceToBoundsKm,
	minDistanceToBoundsKm
} from './distance';
import { decodeGeohash, geohashBounds, GEOHASH_ALPHABET, type GeohashBounds, type LatLon } from './geohash';

// Near the antipode haversine takes asin of a number next to 1, which magnifies double rounding to about 0.1 m
// (√ε · R); one metre is far below anything an alert radius can notice.
const ROUNDING_KM = 1e-3;

const point = fc.record({
	lat: fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(90, -90, 0)),
	lon: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(180, -180, 179.99, -179.99))
});
// Geohash cells from continent-sized to street-sized, at the poles and the 180° meridian included.
const cell = fc.oneof(
	fc.array(fc.constantFrom(...GEOHASH_ALPHABET), { minLength: 1, maxLength: 6 }),
	fc.array(fc.constantFrom('z', 'b', 'p', '0', '8', 'x', '2', 'r'), { minLength: 1, maxLength: 6 })
);

describe('haversineKm', () => {
	it.each([
		['Beijing to Shanghai', { lat: 39.9042, lon: 116.4074 }, { lat: 31.2304, lon: 121.4737 }, 1067.3],
		['one degree across the 180° meridian', { lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 }, 111.195],
		['a quarter of the equator', { lat: 0, lon: 0 }, { lat: 0, lon: 90 }, (Math.PI / 2) * EARTH_RADIUS_KM],
		['pole to pole', { lat: 90, lon: 0 }, { lat: -90, lon: 77 }, Math.PI * EARTH_RADIUS_KM],
		['antipodes', { lat: 30, lon: 120 }, { lat: -30, lon: -60 }, Math.PI * EARTH_RADIUS_KM],
		['the north pole at two longitudes', { lat: 90, lon: 0 }, { lat: 90, lon: 123 }, 0]
	])('measures %s', (_name, a, b, km) => {
		expect(haversineKm(a, b)).toBeCloseTo(km, 1);
	});

	it('is symmetric, within [0, πR] and obeys the triangle inequality', () => {
		fc.assert(
			fc.property(point, point, point, (a, b, c) => {
				const ab = haversineKm(a, b);
				expect(ab).toBeCloseTo(haversineKm(b, a), 9);
				expect(ab).toBeGreaterThanOrEqual(0);
				expect(ab).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_KM + 1e-9);
				expect(ab).toBeLessThanOrEqual(haversineKm(a, c) + haversineKm(c, b) + ROUNDING_KM);
			})
		);
	});
});

describe('the "inside the radius" rule (API.md)', () => {
	const caseAt = { lat: 40.5, lon: 116.4 };

	it('measures to the centre of the geohash-5 cell, boundary included', () => {
		const distance = haversineKm(caseAt, decodeGeohash('wx4g0'));
		expect(distanceToCellKm(caseAt, 'wx4g0')).toBe(distance);
		expect(isInsideRadius(caseAt, distance, 'wx4g0')).toBe(true);
		expect(isInsideRadius(caseAt, distance - 0.001, 'wx4g0')).toBe(false);
	});

	it('ignores where in the cell the subscriber really is', () => {
		// A point in the cell's corner is 3.4 km from its centre, which is what counts.
		const b = geohashBounds('wx4g0');
		const corner = { lat: b.maxLat, lon: b.maxLon };
		expect(isInsideRadius(corner, 1, 'wx4g0')).toBe(false);
		expect(isInsideRadius(corner, 3.5, 'wx4g0')).toBe(true);
	});

	it.each(['wx4g', 'wx4g0b', 'wx4ga', ''])('refuses %j, which is not a geohash-5', (hash) => {
		expect(() => isInsideRadius(caseAt, 100, hash)).toThrow(RangeError);
	});
});

// The rectangle's edges at about `steps` points each, and the antipode's foot when it lies inside.
function samples(b: GeohashBounds, steps: number): LatLon[] {
	const out: LatLon[] = [];
	for (let i = 0; i <= steps; i++) {
		const lat = b.minLat + ((b.maxLat - b.minLat) * i) / steps;
		const lon = b.minLon + ((b.maxLon - b.minLon) * i) / steps;
		out.push({ lat, lon: b.minLon }, { lat, lon: b.maxLon }, { lat: b.minLat, lon }, { lat: b.maxLat, lon });
	}
	return out;
}

function contains(b: GeohashBounds, p: LatLon): boolean {
	return p.lat >= b.minLat && p.lat <= b.maxLat && p.lon >= b.minLon && p.lon <= b.maxLon;
}

function antipodeOf(p: LatLon): LatLon {
	return { lat: -p.lat, lon: p.lon > 0 ? p.lon - 180 : p.lon + 180 };
}

// How far apart neighbouring samples can be: the longest edge over the number of steps.
function sampleGapKm(b: GeohashBounds, steps: number): number {
	const edges = [
		haversineKm({ lat: b.minLat, lon: b.minLon }, { lat: b.maxLat, lon: b.minLon }),
		(Math.PI / 180) * EARTH_RADIUS_KM * (b.maxLon - b.minLon)
	];
	return Math.max(...edges) / steps;
}

describe('distances to a rectangle', () => {
	const steps = 400;

	it('finds the nearest point: never farther than a point of the rectangle, never nearer than its edge', () => {
		fc.assert(
			fc.property(point, cell, (p, chars) => {
				const b = geohashBounds(chars.join(''));
				const min = minDistanceToBoundsKm(p, b);
				if (contains(b, p)) {
					expect(min).toBe(0);
					return;
				}
				const sampled = Math.min(...samples(b, steps).map((q) => haversineKm(p, q)));
				expect(min).toBeLessThanOrEqual(sampled + ROUNDING_KM);
				expect(min).toBeGreaterThanOrEqual(sampled - sampleGapKm(b, steps) - ROUNDING_KM);
			}),
			{ numRuns: 400 }
		);
	});

	it('finds the farthest point, which is the nearest to the antipode', () => {
		fc.assert(
			fc.property(point, cell, (p, chars) => {
				const b = geohashBounds(chars.join(''));
				const far = samples(b, steps);
				if (contains(b, antipodeOf(p))) far.push(antipodeOf(p));
				const sampled = Math.max(...far.map((q) => haversineKm(p, q)));
				const max = maxDistanceToBoundsKm(p, b);
				expect(max).toBeGreaterThanOrEqual(sampled - ROUNDING_KM);
				expect(max).toBeLessThanOrEqual(sampled + sampleGapKm(b, steps) + ROUNDING_KM);
			}),
			{ numRuns: 400 }
		);
	});

	it('stays within rounding of the corner next to the antipode (a case fast-check found)', () => {
		const p = { lat: 8.993223040308491e-9, lon: 0 };
		const corner = { lat: 0, lon: -180 };
		expect(maxDistanceToBoundsKm(p, geohashBounds('8'))).toBeCloseTo(haversineKm(p, corner), 2);
	});

	it('goes round the far pole when that is shorter', () => {
		// From 60° N, a meridian ≈ 180° away is nearer round the south pole than round the north pole below 60° S:
		// the nearest point is the rectangle's southern corner, not the foot of the perpendicular (the north end).
		const b = { minLat: -89, maxLat: -70, minLon: 179, maxLon: 180 };
		const p = { lat: 60, lon: 0 };
		expect(minDistanceToBoundsKm(p, b)).toBeCloseTo(haversineKm(p, { lat: -89, lon: 179 }), 6);
		expect(minDistanceToBoundsKm(p, b)).toBeLessThan(haversineKm(p, { lat: -70, lon: 179 }) - 2000);
	});

	it('is zero inside, and measures along the meridian straight above or below', () => {
		const b = geohashBounds('wx4g');
		expect(minDistanceToBoundsKm({ lat: b.minLat + 0.01, lon: b.minLon + 0.01 }, b)).toBe(0);
		const above = { lat: b.maxLat + 1, lon: (b.minLon + b.maxLon) / 2 };
		expect(minDistanceToBoundsKm(above, b)).toBeCloseTo((Math.PI / 180) * EARTH_RADIUS_KM, 6);
	});

	it('handles rectangles that reach the 180° meridian from either side', () => {
		const east = { minLat: 0, maxLat: 1, minLon: 179, maxLon: 180 };
		const west = { minLat: 0, maxLat: 1, minLon: -180, maxLon: -179 };
		expect(minDistanceToBoundsKm({ lat: 0.5, lon: -179.5 }, east)).toBeCloseTo(55.6, 1);
		expect(minDistanceToBoundsKm({ lat: 0.5, lon: 179.5 }, west)).toBeCloseTo(55.6, 1);
		expect(minDistanceToBoundsKm({ lat: 0.5, lon: -180 }, east)).toBe(0);
	});
});
