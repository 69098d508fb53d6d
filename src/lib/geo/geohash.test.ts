import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeGeohash, encodeGeohash, geohashBounds, isGeohash } from './geohash';
import { haversineKm, isInsideRadius } from './distance';

describe('geohash', () => {
	it.each([
		[42.6, -5.6, 'ezs42'],
		[39.9042, 116.4074, 'wx4g0'],
		[57.64911, 10.40744, 'u4pruydqqvj']
	])('encodes %f,%f as %s', (lat, lon, hash) => {
		expect(encodeGeohash(lat, lon, hash.length)).toBe(hash);
	});

	it('round-trips: a point lies in the bounds of its own cell, whose centre encodes to the same hash', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -90, max: 90, noNaN: true }),
				fc.double({ min: -180, max: 180, noNaN: true }),
				fc.integer({ min: 1, max: 9 }),
				(lat, lon, precision) => {
					const hash = encodeGeohash(lat, lon, precision);
					const b = geohashBounds(hash);
					expect(lat).toBeGreaterThanOrEqual(b.minLat);
					expect(lat).toBeLessThanOrEqual(b.maxLat);
					expect(lon).toBeGreaterThanOrEqual(b.minLon);
					expect(lon).toBeLessThanOrEqual(b.maxLon);
					const centre = decodeGeohash(hash);
					expect(encodeGeohash(centre.lat, centre.lon, precision)).toBe(hash);
				}
			)
		);
	});

	it('validates', () => {
		expect(isGeohash('wx4g0', 5)).toBe(true);
		expect(isGeohash('wx4g', 5)).toBe(false);
		expect(isGeohash('wx4ga', 5)).toBe(false); // 'a' is not in the alphabet
		expect(isGeohash('WX4G0', 5)).toBe(false);
		expect(isGeohash(12345, 5)).toBe(false);
	});
});

describe('distance', () => {
	it('matches known great-circle distances', () => {
		expect(haversineKm({ lat: 39.9042, lon: 116.4074 }, { lat: 31.2304, lon: 121.4737 })).toBeCloseTo(
			1067,
			-1
		);
		expect(haversineKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeCloseTo(111.2, 0);
		expect(haversineKm({ lat: 90, lon: 0 }, { lat: 90, lon: 123 })).toBeCloseTo(0, 6);
	});

	it('measures "inside" to the cell centre (API.md)', () => {
		const centre = decodeGeohash('wx4g0');
		const distance = haversineKm({ lat: 40.5, lon: 116.4 }, centre);
		expect(isInsideRadius({ lat: 40.5, lon: 116.4 }, distance, 'wx4g0')).toBe(true);
		expect(isInsideRadius({ lat: 40.5, lon: 116.4 }, distance - 0.001, 'wx4g0')).toBe(false);
	});
});
