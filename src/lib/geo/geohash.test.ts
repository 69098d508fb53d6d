import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	bitsBounds,
	decodeGeohash,
	encodeGeohash,
	GEOHASH_ALPHABET,
	geohashBounds,
	isGeohash,
	MAX_PRECISION,
	REGION_PRECISION
} from './geohash';

const hashOf = (precision: number) =>
	fc
		.array(fc.constantFrom(...GEOHASH_ALPHABET), { minLength: precision, maxLength: precision })
		.map((chars) => chars.join(''));
const anyHash = fc.integer({ min: 1, max: MAX_PRECISION }).chain(hashOf);

describe('encodeGeohash', () => {
	it.each([
		[42.6, -5.6, 'ezs42'], // Wikipedia's worked example
		[57.64911, 10.40744, 'u4pruydqqvj'], // Wikipedia's 11-character example
		[39.9042, 116.4074, 'wx4g0'], // Beijing, Tiananmen
		[31.2304, 121.4737, 'wtw3s'], // Shanghai, People's Square
		[23.1291, 113.2644, 'ws0e9'], // Guangzhou
		[90, 180, 'zzzzz'],
		[-90, -180, '00000'],
		[0, 0, 's0000']
	])('encodes %f, %f as %s', (lat, lon, hash) => {
		expect(encodeGeohash(lat, lon, hash.length)).toBe(hash);
	});

	it('keeps a point inside its own cell, whose centre encodes to the same hash', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -90, max: 90, noNaN: true }),
				fc.double({ min: -180, max: 180, noNaN: true }),
				fc.integer({ min: 1, max: MAX_PRECISION }),
				(lat, lon, precision) => {
					const hash = encodeGeohash(lat, lon, precision);
					expect(isGeohash(hash, precision)).toBe(true);
					const b = geohashBounds(hash);
					expect(lat).toBeGreaterThanOrEqual(b.minLat);
					expect(lat).toBeLessThanOrEqual(b.maxLat);
					expect(lon).toBeGreaterThanOrEqual(b.minLon);
					expect(lon).toBeLessThanOrEqual(b.maxLon);
					const centre = decodeGeohash(hash);
					expect(encodeGeohash(centre.lat, centre.lon, precision)).toBe(hash);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('gives the prefix of a longer hash for a shorter precision', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -90, max: 90, noNaN: true }),
				fc.double({ min: -180, max: 180, noNaN: true }),
				fc.integer({ min: 1, max: MAX_PRECISION }),
				(lat, lon, precision) => {
					expect(encodeGeohash(lat, lon, MAX_PRECISION).startsWith(encodeGeohash(lat, lon, precision))).toBe(
						true
					);
				}
			)
		);
	});

	it.each([
		[Number.NaN, 0, 5],
		[0, Number.NaN, 5],
		[90.0001, 0, 5],
		[0, -180.0001, 5],
		[0, 0, 0],
		[0, 0, 13],
		[0, 0, 2.5]
	])('refuses %f, %f at precision %f', (lat, lon, precision) => {
		expect(() => encodeGeohash(lat, lon, precision)).toThrow(RangeError);
	});
});

describe('decodeGeohash and geohashBounds', () => {
	it('gives the cell of the Wikipedia example', () => {
		const b = geohashBounds('ezs42');
		expect(b.minLat).toBeCloseTo(42.583, 3);
		expect(b.maxLat).toBeCloseTo(42.627, 3);
		expect(b.minLon).toBeCloseTo(-5.625, 3);
		expect(b.maxLon).toBeCloseTo(-5.581, 3);
		const centre = decodeGeohash('ezs42');
		expect(centre.lat).toBeCloseTo(42.605, 3);
		expect(centre.lon).toBeCloseTo(-5.603, 3);
	});

	it('makes geohash-5 cells 180/4096 degrees of latitude by 360/8192 of longitude', () => {
		fc.assert(
			fc.property(hashOf(REGION_PRECISION), (hash) => {
				const b = geohashBounds(hash);
				expect(b.maxLat - b.minLat).toBe(180 / 4096);
				expect(b.maxLon - b.minLon).toBe(360 / 8192);
			})
		);
	});

	it('round-trips any hash through its centre', () => {
		fc.assert(
			fc.property(anyHash, (hash) => {
				const centre = decodeGeohash(hash);
				expect(encodeGeohash(centre.lat, centre.lon, hash.length)).toBe(hash);
			}),
			{ numRuns: 500 }
		);
	});

	it('agrees with bitsBounds on the hash read as a number (exact in a double up to 10 characters)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 10 }).chain(hashOf), (hash) => {
				const value = [...hash].reduce((v, char) => v * 32 + GEOHASH_ALPHABET.indexOf(char), 0);
				expect(bitsBounds(value, 5 * hash.length)).toEqual(geohashBounds(hash));
			})
		);
	});

	it.each(['', 'wx4ga', 'WX4G0', 'wx4g0wx4g0wx4', 'wx 4g'])('refuses %j', (hash) => {
		expect(() => geohashBounds(hash)).toThrow(RangeError);
		expect(() => decodeGeohash(hash)).toThrow(RangeError);
	});
});

describe('isGeohash', () => {
	it.each([
		['wx4g0', 5, true],
		['wx4g0', undefined, true],
		['w', undefined, true],
		['wx4g', 5, false],
		['wx4g0b', 5, false],
		['wx4ga', 5, false], // a, i, l and o are not in the alphabet
		['wx4gi', undefined, false],
		['WX4G0', 5, false],
		['', undefined, false],
		['0123456789bcd', undefined, false], // 13 characters
		[12345, 5, false],
		[null, undefined, false]
	])('%j at precision %s → %s', (value, precision, expected) => {
		expect(isGeohash(value, precision)).toBe(expected);
	});

	it('has an alphabet in ascending character order, so key order is string order', () => {
		expect([...GEOHASH_ALPHABET].sort().join('')).toBe(GEOHASH_ALPHABET);
		expect(new Set(GEOHASH_ALPHABET).size).toBe(32);
	});
});
