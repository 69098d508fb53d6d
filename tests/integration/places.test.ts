import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { placesResponseSchema, reverseResponseSchema } from '../../src/lib/schemas';

const get = (path: string) => SELF.fetch(`https://reunion.test${path}`);

describe('GET /api/places', () => {
	it('finds 浦东新区 by Chinese, pinyin with and without spaces, and initials, with its admin path', async () => {
		for (const q of ['浦东新区', 'pudong', 'pu dong', 'pdxq']) {
			const res = await get(`/api/places?q=${encodeURIComponent(q)}&limit=5`);
			expect(res.status).toBe(200);
			expect(res.headers.get('access-control-allow-origin')).toBe('*');
			expect(res.headers.get('cache-control')).toMatch(/^public/);
			const { places } = placesResponseSchema.parse(await res.json());
			expect(places[0], q).toMatchObject({
				name: '浦东新区',
				admin: ['上海市', '浦东新区'],
				level: 'county'
			});
		}
	});

	it('ranks the nearer 周庄 first with near', async () => {
		const res = await get(`/api/places?q=${encodeURIComponent('周庄')}&near=31.3,120.6&limit=3`);
		const { places } = placesResponseSchema.parse(await res.json());
		expect(places[0]?.lat).toBeCloseTo(31.12, 1);
		expect(places[0]?.admin.slice(0, 2)).toEqual(['江苏省', '苏州市']);
	});

	it('answers world capitals in English', async () => {
		const { places } = placesResponseSchema.parse(await (await get('/api/places?q=Paris&limit=1')).json());
		expect(places[0]).toMatchObject({ name: 'Paris', level: 'city' });
	});

	it('refuses an empty q and a malformed near with a 400 naming the field, not echoing the value', async () => {
		for (const [path, field] of [
			['/api/places?q=', 'q'],
			['/api/places?q=%20%20', 'q'],
			['/api/places', 'q'],
			['/api/places?q=x&near=secret-text', 'near']
		] as const) {
			const res = await get(path);
			expect(res.status, path).toBe(400);
			const body = await res.text();
			expect(JSON.parse(body).error.field).toBe(field);
			expect(body).not.toContain('secret-text');
		}
	});
});

describe('GET /api/places/reverse', () => {
	it('names the township and county that hold a point in Pudong', async () => {
		const res = await get('/api/places/reverse?lat=31.2224&lon=121.5444');
		expect(res.status).toBe(200);
		const { place } = reverseResponseSchema.parse(await res.json());
		expect(place?.admin.slice(0, 2)).toEqual(['上海市', '浦东新区']);
	});

	it('answers null in the open sea and 400 for a latitude out of range', async () => {
		const { place } = reverseResponseSchema.parse(
			await (await get('/api/places/reverse?lat=0&lon=-140')).json()
		);
		expect(place).toBeNull();
		expect((await get('/api/places/reverse?lat=91&lon=0')).status).toBe(400);
	});
});
