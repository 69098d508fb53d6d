import { describe, expect, it } from 'vitest';
import { encodeGeohash } from '../geo';
import { isNewToVisitor } from './new-since';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-06T12:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();
const beijing = { lat: 39.93, lon: 116.48, radiusKm: 100 };
const region = (savedAt?: number) => ({ geohash: encodeGeohash(39.9, 116.4, 5), savedAt });

describe('isNewToVisitor', () => {
	it('does not call a case published 8 hours before the region was saved new', () => {
		expect(isNewToVisitor({ ...beijing, publishedAt: at(now - 8 * HOUR) }, [region(now)], undefined)).toBe(
			false
		);
	});

	it('calls a case published since the region was saved, and since the last look, new', () => {
		const summary = { ...beijing, publishedAt: at(now - HOUR) };
		expect(isNewToVisitor(summary, [region(now - 2 * HOUR)], undefined)).toBe(true);
		expect(isNewToVisitor(summary, [region(now - 2 * HOUR)], now - 3 * HOUR)).toBe(true);
		expect(isNewToVisitor(summary, [region(now - 2 * HOUR)], now - 30 * 60_000)).toBe(false);
	});

	it('keeps the older region’s time when two regions reach the case', () => {
		const summary = { ...beijing, publishedAt: at(now - HOUR) };
		expect(isNewToVisitor(summary, [region(now), region(now - 5 * HOUR)], undefined)).toBe(true);
	});

	it('treats a region saved before regions had a time, and a case without one, as before', () => {
		expect(isNewToVisitor({ ...beijing, publishedAt: at(now - HOUR) }, [region()], undefined)).toBe(true);
		expect(isNewToVisitor({ ...beijing, publishedAt: null }, [region(now)], now)).toBe(true);
	});
});
