import { describe, expect, it } from 'vitest';
import { areaFromDraft, blankCircle, parseGeohashes } from './area-form';

describe('the partner area fields', () => {
	it('read geohash prefixes separated by spaces or commas', () => {
		expect(parseGeohashes(' WTW, wx4g，wtm  ')).toEqual(['wtw', 'wx4g', 'wtm']);
		expect(parseGeohashes('')).toEqual([]);
	});

	it('send typed circles as numbers and leave out wholly blank ones', () => {
		const typed = { lat: '31.23', lon: '121.47', radiusKm: '80' };
		const halfTyped = { lat: '39.9', lon: '', radiusKm: '50' };
		expect(areaFromDraft([typed, blankCircle(), halfTyped], 'wtw')).toEqual({
			circles: [
				{ lat: 31.23, lon: 121.47, radiusKm: 80 },
				{ lat: 39.9, lon: Number.NaN, radiusKm: 50 }
			],
			geohashes: ['wtw']
		});
		// An empty box is refused by the API rather than read as 0° (null fails its number check).
		expect(JSON.stringify(areaFromDraft([halfTyped], '')).includes('"lon":null')).toBe(true);
	});
});
