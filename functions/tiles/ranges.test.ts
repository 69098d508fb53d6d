import { describe, expect, it } from 'vitest';
import { parseRange, rangeResponse, type RangeSource } from './ranges';

const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
const source: RangeSource = {
	size: bytes.length,
	etag: '"v1"',
	read: async (start, end) => bytes.slice(start, end + 1)
};
const get = (headers: Record<string, string> = {}) =>
	rangeResponse(new Request('https://reunion.example/a.pmtiles', { headers }), source, {
		'Cache-Control': 'public'
	});

describe('parseRange', () => {
	it('reads one byte range, open ranges and suffixes, and refuses what lies past the end', () => {
		expect(parseRange('bytes=0-126', 1000)).toEqual([0, 126]);
		expect(parseRange('bytes=990-', 1000)).toEqual([990, 999]);
		expect(parseRange('bytes=990-5000', 1000)).toEqual([990, 999]);
		expect(parseRange('bytes=-10', 1000)).toEqual([990, 999]);
		expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
		expect(parseRange('bytes=5-2', 1000)).toBeUndefined();
		expect(parseRange('bytes=0-1,5-6', 1000)).toBeUndefined();
		expect(parseRange('items=0-1', 1000)).toBeUndefined();
		expect(parseRange(null, 1000)).toBeUndefined();
	});
});

describe('rangeResponse', () => {
	it('answers a range with 206 and exactly those bytes', async () => {
		const response = await get({ Range: 'bytes=10-19' });
		expect(response.status).toBe(206);
		expect(response.headers.get('Content-Range')).toBe('bytes 10-19/100');
		expect(response.headers.get('ETag')).toBe('"v1"');
		expect(response.headers.get('Cache-Control')).toBe('public');
		expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([
			10, 11, 12, 13, 14, 15, 16, 17, 18, 19
		]);
	});

	it('sends the whole file without a Range, 304 for a matching If-None-Match, 416 past the end', async () => {
		const whole = await get();
		expect(whole.status).toBe(200);
		expect((await whole.arrayBuffer()).byteLength).toBe(100);
		expect((await get({ 'If-None-Match': '"v1"' })).status).toBe(304);
		const past = await get({ Range: 'bytes=100-' });
		expect(past.status).toBe(416);
		expect(past.headers.get('Content-Range')).toBe('bytes */100');
	});

	it('refuses a range of another version (If-Match), so a reader notices the archive changed', async () => {
		expect((await get({ Range: 'bytes=0-9', 'If-Match': '"v0"' })).status).toBe(412);
		expect((await get({ Range: 'bytes=0-9', 'If-Match': '"v1"' })).status).toBe(206);
	});
});
