import { describe, expect, it } from 'vitest';
import { encodeGeohash } from '../geo';
import { liveCells, reachesRegions } from './regions';

const region = (lat: number, lon: number) => ({ geohash: encodeGeohash(lat, lon, 5) });

describe('live regions', () => {
	it('listens to the distinct geohash-3 cells of the regions', () => {
		const shanghai = region(31.23, 121.47);
		const pudong = region(31.22, 121.54);
		const beijing = region(39.9, 116.4);
		expect(liveCells([shanghai, pudong, beijing])).toEqual(['wtw', 'wx4']);
	});

	it('keeps a case only when a region cell centre lies inside its radius', () => {
		const summary = { lat: 31.23, lon: 121.47, radiusKm: 100 };
		expect(reachesRegions(summary, [region(39.9, 116.4), region(31.3, 121.5)])).toBe(true);
		expect(reachesRegions(summary, [region(39.9, 116.4)])).toBe(false);
		// Suzhou is ≈ 85 km from central Shanghai: inside 100 km, outside 50.
		expect(reachesRegions(summary, [region(31.3, 120.62)])).toBe(true);
		expect(reachesRegions({ ...summary, radiusKm: 50 }, [region(31.3, 120.62)])).toBe(false);
	});
});
