import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covering, encodeGeohash, type GeohashRange } from '../../src/lib/geo';
import type { RegionRow } from '../db/subscriptions';
import { isRecipientRow, type Audience } from './select';
import { MAX_SUB_JOBS, splitRanges } from './sub-jobs';

/** The rows a walk over `ranges` reads (every range inclusive, as RANGE_PAGE reads it) and sends to. */
function walk(rows: RegionRow[], ranges: GeohashRange[], audience: Audience): string[] {
	return rows
		.filter((row) => ranges.some((r) => row.geohash >= r.from && row.geohash <= r.to))
		.filter((row) => isRecipientRow(row, audience))
		.map((row) => row.subscription_id);
}

const point = (lat: number, lon: number, dLat: number, dLon: number) =>
	encodeGeohash(Math.max(-89, Math.min(89, lat + dLat)), ((lon + dLon + 540) % 360) - 180, 5);

describe('sub-jobs of a covering', () => {
	it('partition the ranges in order, at most MAX_SUB_JOBS of them', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 18, max: 53, noNaN: true }),
				fc.double({ min: 74, max: 134, noNaN: true }),
				fc.integer({ min: 1, max: 300 }),
				(lat, lon, radiusKm) => {
					const { ranges } = covering({ lat, lon }, radiusKm);
					const groups = splitRanges(ranges);
					expect(groups.flat()).toEqual(ranges);
					expect(groups.length).toBeLessThanOrEqual(MAX_SUB_JOBS);
					expect(groups.every((g) => g.length > 0)).toBe(true);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('send to exactly the devices of the single walk, none twice, for random circles and devices', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 18, max: 53, noNaN: true }),
				fc.double({ min: 74, max: 134, noNaN: true }),
				fc.integer({ min: 20, max: 200 }),
				// Devices near the circle, each with 1–3 regions (offsets in degrees from the centre).
				fc.array(
					fc.array(
						fc.tuple(
							fc.double({ min: -2, max: 2, noNaN: true }),
							fc.double({ min: -2, max: 2, noNaN: true })
						),
						{
							minLength: 1,
							maxLength: 3
						}
					),
					{ minLength: 1, maxLength: 60 }
				),
				fc.integer({ min: 0, max: 30 }),
				(lat, lon, radiusKm, devices, innerRadiusKm) => {
					const rows = devices.flatMap((offsets, i) => {
						const regions = [...new Set(offsets.map(([a, b]) => point(lat, lon, a, b)))];
						return regions.map((geohash) => ({
							geohash,
							subscription_id: `d${i}`,
							endpoint: '',
							p256dh: '',
							auth: '',
							lang: 'zh-CN',
							regions: regions.join(','),
							officer_user_id: null
						}));
					});
					const audience = { lat, lon, radiusKm, innerRadiusKm, officersOnly: false };
					const { ranges } = covering({ lat, lon }, radiusKm);
					const single = walk(rows, ranges, audience);
					const union = splitRanges(ranges).flatMap((group) => walk(rows, group, audience));
					expect(new Set(single).size).toBe(single.length);
					expect(union.length).toBe(new Set(union).size);
					expect([...union].sort()).toEqual([...single].sort());
				}
			),
			{ numRuns: 60 }
		);
	});
});
