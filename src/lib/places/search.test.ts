import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adminPath, parseGazetteer } from './gazetteer';
import { coreName, foldLatin } from './names';
import { editDistance, reversePlace, searchPlaces } from './search';

const china = parseGazetteer(readFileSync('static/places/cn.txt', 'utf8'));

describe('names', () => {
	it('strips the generic and the ethnic endings, but never to one character', () => {
		expect(coreName('浦东新区')).toBe('浦东');
		expect(coreName('周庄镇')).toBe('周庄');
		expect(coreName('东华门街道')).toBe('东华门');
		expect(coreName('酉阳土家族苗族自治县')).toBe('酉阳');
		expect(coreName('新疆维吾尔自治区')).toBe('新疆');
		expect(coreName('城区')).toBe('城区');
		expect(foldLatin("Xi'an")).toBe('xian');
		expect(foldLatin('Ürümqi')).toBe('urumqi');
	});

	it('counts a swap of neighbours as one typo and gives up past the bound', () => {
		expect(editDistance('beijnig', 'beijing', 1)).toBe(1);
		expect(editDistance('shanghia', 'shanghai', 2)).toBe(1);
		expect(editDistance('london', 'paris', 2)).toBe(3);
	});
});

describe('the gazetteer', () => {
	it('holds every county-level unit of the official list with a point, and paths from the province down', () => {
		const pudong = china.find((e) => e.id === '310115')!;
		expect(adminPath(pudong)).toEqual(['上海市', '浦东新区']);
		const counties = china.filter((e) => e.level === 'county');
		expect(counties.length).toBeGreaterThan(2_900);
		expect(counties.every((e) => Number.isFinite(e.lat) && e.lat !== 0)).toBe(true);
	});

	it('names the district around a point (what /regions calls a region dropped on the map)', () => {
		const found = reversePlace(china, { lat: 31.2224, lon: 121.5444 })!;
		expect(adminPath(found).slice(0, 2)).toEqual(['上海市', '浦东新区']);
		expect(reversePlace(china, { lat: 0, lon: -140 })).toBeNull();
	});

	it('finds the place named inside a longer text, with its parents', () => {
		const [first] = searchPlaces(china, '上海市浦东新区 世纪公园', { limit: 1 });
		expect(first?.name).toBe('浦东新区');
	});
});
