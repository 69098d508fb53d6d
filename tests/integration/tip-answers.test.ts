import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCase } from './helpers/cases';
import { containsText, jpegWithGps } from './helpers/images';
import { login, policeFetch } from './helpers/police';
import { call, errorOf, jsonRequest } from './helpers/requests';

// Clues from the case page (issue 9): clientId idempotency, multipart with a private photo.
const SHANGHAI = { lat: 31.2304, lon: 121.4737 };

let address = 0;
const nextAddress = () => `198.18.0.${++address}`;

function multipartTip(caseId: string, tip: unknown, photo?: Blob, from = nextAddress()): Request {
	const form = new FormData();
	form.set('tip', JSON.stringify(tip));
	if (photo) form.set('photo', photo, 'clue.jpg');
	return new Request(`https://reunion.test/api/cases/${caseId}/tips`, {
		method: 'POST',
		headers: { 'CF-Connecting-IP': from },
		body: form
	});
}

const jpeg = (width = 640, height = 480) => new Blob([jpegWithGps(width, height)], { type: 'image/jpeg' });

async function tipRows(caseId: string) {
	const { results } = await env.DB.prepare('SELECT * FROM tips WHERE case_id = ?')
		.bind(caseId)
		.all<{ id: string; photo_key: string | null; place: string | null; client_id: string | null }>();
	return results;
}

async function r2Keys(prefix: string): Promise<string[]> {
	return (await env.PHOTOS.list({ prefix })).objects.map((o) => o.key);
}

describe('clientId', () => {
	it('a retry with the same clientId answers the first id and reference and stores nothing new', async () => {
		const { id } = await insertCase(SHANGHAI);
		const tip = { message: '在公交站见到', clientId: crypto.randomUUID(), place: '漕河泾公交站' };
		const first = await call(jsonRequest('POST', `/api/cases/${id}/tips`, tip, nextAddress()));
		expect(first.status).toBe(201);
		const again = await call(jsonRequest('POST', `/api/cases/${id}/tips`, tip, nextAddress()));
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual(await first.json());
		const rows = await tipRows(id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ place: '漕河泾公交站', client_id: tip.clientId });
	});

	it('two sends racing with one clientId store one tip and keep one photo', async () => {
		const { id } = await insertCase(SHANGHAI);
		const tip = { message: 'seen twice at once', clientId: crypto.randomUUID() };
		const answers = await Promise.all([
			call(multipartTip(id, tip, jpeg())),
			call(multipartTip(id, tip, jpeg()))
		]);
		const bodies = await Promise.all(answers.map((r) => r.json()));
		expect(bodies[0]).toEqual(bodies[1]);
		expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
		expect(await tipRows(id)).toHaveLength(1);
		expect(await r2Keys(`tips/${id}/`)).toHaveLength(1);
	});

	it('a retry is answered even when the address has used up its limit', async () => {
		const { id } = await insertCase(SHANGHAI);
		const from = nextAddress();
		const tip = { message: 'first', clientId: crypto.randomUUID() };
		expect((await call(jsonRequest('POST', `/api/cases/${id}/tips`, tip, from))).status).toBe(201);
		for (let i = 0; i < 9; i++)
			expect(
				(await call(jsonRequest('POST', `/api/cases/${id}/tips`, { message: `more ${i}` }, from))).status
			).toBe(201);
		const fresh = await call(jsonRequest('POST', `/api/cases/${id}/tips`, { message: 'eleventh' }, from));
		expect(fresh.status).toBe(429);
		expect((await call(jsonRequest('POST', `/api/cases/${id}/tips`, tip, from))).status).toBe(200);
		expect(await tipRows(id)).toHaveLength(10);
	});

	it('refuses a clientId that is not a UUID', async () => {
		const { id } = await insertCase(SHANGHAI);
		const response = await call(
			jsonRequest('POST', `/api/cases/${id}/tips`, { message: 'x', clientId: '42' }, nextAddress())
		);
		expect(response.status).toBe(400);
		expect(await errorOf(response)).toMatchObject({ code: 'validation_failed', field: 'clientId' });
	});
});

describe('multipart with a photo', () => {
	let officer: string;
	beforeAll(async () => {
		officer = await login('demo-national-officer');
	});

	it('stores the photo stripped, under tips/, for officers only', async () => {
		const { id } = await insertCase(SHANGHAI);
		const response = await call(multipartTip(id, { message: '照片里的孩子很像' }, jpeg()));
		expect(response.status).toBe(201);
		const { id: tipId } = (await response.json()) as { id: string };
		const [row] = await tipRows(id);
		expect(row?.photo_key).toMatch(new RegExp(`^tips/${id}/[\\w-]+\\.jpg$`));
		const stored = new Uint8Array(await (await env.PHOTOS.get(row!.photo_key!))!.arrayBuffer());
		expect(containsText(stored, 'GPSLatitude')).toBe(false);
		expect(containsText(stored, 'Example Road')).toBe(false);

		const inbox = (await (await policeFetch(officer, 'GET', `/api/police/cases/${id}/tips`)).json()) as {
			tips: Array<{ id: string; photoUrl: string | null }>;
		};
		const photoUrl = inbox.tips.find((t) => t.id === tipId)?.photoUrl;
		expect(photoUrl).toBe(`/api/police/tips/${tipId}/photo`);
		const seen = await policeFetch(officer, 'GET', photoUrl!);
		expect(seen.status).toBe(200);
		expect(seen.headers.get('Content-Type')).toBe('image/jpeg');
		expect(seen.headers.get('Cache-Control')).toBe('private, no-store');
		expect(new Uint8Array(await seen.arrayBuffer())).toEqual(stored);
	});

	it('is unreachable without a police session, and never through the public photo route', async () => {
		const { id } = await insertCase(SHANGHAI);
		const response = await call(multipartTip(id, { message: 'photo' }, jpeg()));
		const { id: tipId } = (await response.json()) as { id: string };
		const [row] = await tipRows(id);
		expect((await policeFetch(null, 'GET', `/api/police/tips/${tipId}/photo`)).status).toBe(401);
		const publicRoute = await call(new Request(`https://reunion.test/api/photos/${row!.photo_key}`));
		expect(publicRoute.status).toBe(404);
	});

	it('a tip without a photo has none to fetch', async () => {
		const { id } = await insertCase(SHANGHAI);
		const response = await call(multipartTip(id, { message: 'no photo' }));
		expect(response.status).toBe(201);
		const { id: tipId } = (await response.json()) as { id: string };
		expect((await policeFetch(officer, 'GET', `/api/police/tips/${tipId}/photo`)).status).toBe(404);
	});

	it.each([
		['not an image', new Blob([new TextEncoder().encode('hello, not a photo')], { type: 'image/jpeg' }), 400],
		['larger than 1600 px', jpeg(4000, 3000), 400],
		['smaller than 32 px', jpeg(16, 16), 400],
		['declared as PNG', new Blob([jpegWithGps()], { type: 'image/png' }), 400],
		['over 5 MB', new Blob([jpegWithGps(), new Uint8Array(5 * 1024 * 1024)], { type: 'image/jpeg' }), 413]
	])('refuses a photo %s on the photo field and stores nothing', async (_, photo, status) => {
		const { id } = await insertCase(SHANGHAI);
		const response = await call(multipartTip(id, { message: 'with a bad photo' }, photo));
		expect(response.status).toBe(status);
		expect(await errorOf(response)).toMatchObject({ field: 'photo' });
		expect(await tipRows(id)).toHaveLength(0);
		expect(await r2Keys(`tips/${id}/`)).toHaveLength(0);
	});

	it('checks the tip part like a JSON tip, and needs it', async () => {
		const { id } = await insertCase(SHANGHAI);
		const empty = await call(multipartTip(id, { message: ' ' }, jpeg()));
		expect(await errorOf(empty)).toMatchObject({ code: 'validation_failed', field: 'message' });
		const form = new FormData();
		form.set('photo', jpeg(), 'a.jpg');
		const missing = await call(
			new Request(`https://reunion.test/api/cases/${id}/tips`, { method: 'POST', body: form })
		);
		expect(await errorOf(missing)).toMatchObject({ code: 'validation_failed', field: 'tip' });
		expect(await r2Keys(`tips/${id}/`)).toHaveLength(0);
	});

	it('stores no photo for a closed case', async () => {
		const { id } = await insertCase({ ...SHANGHAI, status: 'resolved', outcome: 'found_safe' });
		const response = await call(multipartTip(id, { message: 'late' }, jpeg()));
		expect(response.status).toBe(409);
		expect(await r2Keys(`tips/${id}/`)).toHaveLength(0);
	});
});
