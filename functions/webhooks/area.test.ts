import { describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../src/lib/geo';
import { areaMeetsCircle } from './area';

const SHANGHAI = { lat: 31.2304, lon: 121.4737 };
const KM_PER_DEGREE_LAT = 111.195;
/** A point `km` due north of Shanghai. */
const north = (km: number) => ({ lat: SHANGHAI.lat + km / KM_PER_DEGREE_LAT, lon: SHANGHAI.lon });

describe('a partner area meeting a case circle', () => {
	it('meets a circle whose centre lies within the sum of the radii, and not one just beyond', () => {
		const circle = { ...SHANGHAI, radiusKm: 100 };
		expect(areaMeetsCircle({ circles: [{ ...north(149), radiusKm: 50 }], geohashes: [] }, circle)).toBe(true);
		expect(areaMeetsCircle({ circles: [{ ...north(151), radiusKm: 50 }], geohashes: [] }, circle)).toBe(
			false
		);
	});

	it('meets a circle that lies wholly inside a larger partner circle', () => {
		const area = { circles: [{ ...SHANGHAI, radiusKm: 1000 }], geohashes: [] };
		expect(areaMeetsCircle(area, { ...north(300), radiusKm: 1 })).toBe(true);
	});

	it('meets a geohash cell holding the centre, whatever the radius', () => {
		const cell = encodeGeohash(SHANGHAI.lat, SHANGHAI.lon, 4);
		expect(areaMeetsCircle({ circles: [], geohashes: [cell] }, { ...SHANGHAI, radiusKm: 1 })).toBe(true);
	});

	it('meets a cell the circle reaches into, and not one the circle falls short of', () => {
		// A geohash-5 cell about 60 km north: its near edge is within 100 km, but not within 20 km.
		const cell = encodeGeohash(north(60).lat, north(60).lon, 5);
		expect(areaMeetsCircle({ circles: [], geohashes: [cell] }, { ...SHANGHAI, radiusKm: 100 })).toBe(true);
		expect(areaMeetsCircle({ circles: [], geohashes: [cell] }, { ...SHANGHAI, radiusKm: 20 })).toBe(false);
	});

	it('meets when any one part of the area does', () => {
		const far = encodeGeohash(39.9, 116.4, 4); // Beijing
		const area = { circles: [{ lat: 23.1, lon: 113.3, radiusKm: 50 }], geohashes: [far, 'wtw'] };
		expect(areaMeetsCircle(area, { ...SHANGHAI, radiusKm: 10 })).toBe(true);
		expect(areaMeetsCircle({ ...area, geohashes: [far] }, { ...SHANGHAI, radiusKm: 10 })).toBe(false);
	});
});
