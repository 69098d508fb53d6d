import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../src/lib/geo';
import { insertCase } from './helpers/cases';

// Pages whose live socket cannot open poll /api/alerts (src/lib/live/poll.ts); an ETag makes most polls a 304.
describe('GET /api/alerts revalidation', () => {
	it('answers 304 to the current ETag and 200 with a new one once a case is added', async () => {
		const point = { lat: 45.76, lon: 126.63 };
		const url = `https://reunion.test/api/alerts?geohash=${encodeGeohash(point.lat, point.lon, 5)}`;
		const first = await SELF.fetch(url);
		const etag = first.headers.get('ETag');
		expect(first.status).toBe(200);
		expect(etag).toBeTruthy();
		const same = await SELF.fetch(url, { headers: { 'If-None-Match': etag! } });
		expect(same.status).toBe(304);
		const row = await insertCase(point);
		const changed = await SELF.fetch(url, { headers: { 'If-None-Match': etag! } });
		expect(changed.status).toBe(200);
		expect(changed.headers.get('ETag')).not.toBe(etag);
		expect(((await changed.json()) as { alerts: { id: string }[] }).alerts.map((a) => a.id)).toContain(
			row.id
		);
	});
});
