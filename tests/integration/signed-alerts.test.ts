import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGeohash } from '../../src/lib/geo';
import { verifyAlert, type PublicJwk } from '../../src/lib/signing/alert-signature';
import { insertCase } from './helpers/cases';
import { call } from './helpers/requests';

type Item = Record<string, unknown> & { id: string; status: string };

const cell = 'ws10k'; // Shenzhen, away from the other files' cases
const centre = decodeGeohash(cell);

function get(path: string, headers: HeadersInit = {}): Promise<Response> {
	return call(new Request(`https://reunion.test${path}`, { headers }));
}

async function keys(): Promise<PublicJwk[]> {
	return ((await (await get('/.well-known/reunion-keys.json')).json()) as { keys: PublicJwk[] }).keys;
}

async function alerts(query: string): Promise<Item[]> {
	const response = await get(`/api/alerts?${query}`);
	expect(response.status).toBe(200);
	return ((await response.json()) as { alerts: Item[] }).alerts;
}

describe('signed public alert JSON', () => {
	const ids: Record<'open' | 'found' | 'foundLongAgo' | 'cancelled' | 'neverPublished', string> = {
		open: '',
		found: '',
		foundLongAgo: '',
		cancelled: '',
		neverPublished: ''
	};

	beforeAll(async () => {
		const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
		const at = { lat: centre.lat, lon: centre.lon };
		ids.open = (await insertCase({ ...at, child_name: '<img src=x onerror=alert(1)>' })).id;
		ids.found = (
			await insertCase({ ...at, status: 'resolved', resolved_at: hoursAgo(2), outcome: 'found_safe' })
		).id;
		ids.foundLongAgo = (await insertCase({ ...at, status: 'resolved', resolved_at: hoursAgo(30) })).id;
		ids.cancelled = (await insertCase({ ...at, status: 'cancelled', cancelled_at: hoursAgo(1) })).id;
		ids.neverPublished = (
			await insertCase({ ...at, status: 'cancelled', cancelled_at: hoursAgo(1), published_at: null })
		).id;
	});

	it('signs every item over its RFC 8785 form, verifiable with the published keys', async () => {
		const published = await keys();
		const items = await alerts(`geohash=${cell}`);
		expect(items.map((item) => item.id)).toEqual([ids.open]);
		const [item] = items;
		expect(item!.signature).toMatchObject({ kid: 'integration-1' });
		expect(await verifyAlert(item!, published)).toBe(true);
		expect(await verifyAlert({ ...item!, childName: `${item!.childName as string} ` }, published)).toBe(
			false
		);
	});

	it('adds cases closed in the last 24 h with include=closed: found with its time, cancelled without the child', async () => {
		const published = await keys();
		const items = await alerts(`geohash=${cell}&include=closed`);
		expect(new Set(items.map((item) => item.id))).toEqual(new Set([ids.open, ids.found, ids.cancelled]));
		const found = items.find((item) => item.id === ids.found)!;
		expect(found).toMatchObject({ status: 'resolved', outcome: 'found_safe' });
		expect(typeof found.resolvedAt).toBe('string');
		const cancelled = items.find((item) => item.id === ids.cancelled)!;
		expect(Object.keys(cancelled).sort()).toEqual(['cancelledAt', 'distanceKm', 'id', 'signature', 'status']);
		for (const item of items) expect(await verifyAlert(item, published)).toBe(true);
	});

	it('signs /api/cases/:id too', async () => {
		const response = await get(`/api/cases/${ids.open}`);
		const body = (await response.json()) as Item;
		expect(await verifyAlert(body, await keys())).toBe(true);
	});

	it('revalidates by the unsigned content: 304 for the same data, CORS * on the answer', async () => {
		const first = await get(`/api/alerts?geohash=${cell}`);
		expect(first.headers.get('Access-Control-Allow-Origin')).toBe('*');
		const etag = first.headers.get('ETag')!;
		expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
		const again = await get(`/api/alerts?geohash=${cell}`, { 'If-None-Match': etag });
		expect(again.status).toBe(304);
		const closed = await get(`/api/alerts?geohash=${cell}&include=closed`, { 'If-None-Match': etag });
		expect(closed.status).toBe(200);
		const bad = await get(`/api/alerts?geohash=${cell}&include=all`);
		expect(bad.status).toBe(400);
	});
});
