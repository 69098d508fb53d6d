import { describe, expect, it } from 'vitest';
import { haversineKm } from '../geo/distance';
import { parsePastedPair, toWgs84 } from './coordinates';

// Tiananmen's flagpole: WGS-84 39.90570, 116.39127 (surveyed, as OpenStreetMap has it); Amap shows it near
// 116.39751, 39.90696 (GCJ-02) and Baidu near 116.40384, 39.91291 (BD-09): offsets of ~600 m and ~1.3 km.
// Those readings are rounded map-app values, so the converted points are held to 100 m, not to the metre.
const TRUE = { lat: 39.9057, lon: 116.39127 };

describe('pasted coordinates', () => {
	it('reads lng,lat and lat,lng, with Chinese or Latin commas or a space', () => {
		expect(parsePastedPair('116.39751,39.90696')).toEqual({ lat: 39.90696, lon: 116.39751 });
		expect(parsePastedPair('39.90696, 116.39751')).toEqual({ lat: 39.90696, lon: 116.39751 });
		expect(parsePastedPair('116.39751，39.90696')).toEqual({ lat: 39.90696, lon: 116.39751 });
		expect(parsePastedPair('116.39751 39.90696')).toEqual({ lat: 39.90696, lon: 116.39751 });
		expect(parsePastedPair('浦东')).toBeNull();
		expect(parsePastedPair('200,100')).toBeNull();
	});

	it('converts Amap (GCJ-02) and Baidu (BD-09) to WGS-84 within 100 m of the true point', () => {
		const amap = toWgs84({ lat: 39.90696, lon: 116.39751 }, 'GCJ02');
		const baidu = toWgs84({ lat: 39.91291, lon: 116.40384 }, 'BD09');
		expect(haversineKm(amap, TRUE)).toBeLessThan(0.1);
		expect(haversineKm(baidu, TRUE)).toBeLessThan(0.1);
		// Unconverted, the Amap point is half a kilometre off: the conversion is what puts the pin right.
		expect(haversineKm({ lat: 39.90696, lon: 116.39751 }, TRUE)).toBeGreaterThan(0.4);
		expect(toWgs84({ lat: 1, lon: 2 }, 'WGS84')).toEqual({ lat: 1, lon: 2 });
	});
});
