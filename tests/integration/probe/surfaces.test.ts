// The probe's remaining categories (issue 18, point 7): markup on every surface, SSRF forms of webhook URLs,
// uploads built to slip through, rate limits, security headers. Pages rendered by SvelteKit (the case page's
// share tags) are covered in tests/e2e/security.spec.ts; the poster's SVG is built here by its own builder.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../../src/lib/geo';
import { posterSvg } from '../../../src/lib/poster/poster-svg';
import { insertCase, markAlertSent } from '../helpers/cases';
import { jpegWithGps, joinBytes } from '../helpers/images';
import { login, ORIGIN, policeFetch } from '../helpers/police';
import { call, callWith, fakeSubscription, jsonRequest } from '../helpers/requests';
import { countRows, expectErrorShape, nextAddress } from './support';

const MARKUP = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&<svg onload=alert(3)>`;
// Raw tags only: escaped, the same words are harmless text.
const RAW = ['<script', '<img', '<svg onload'];

let officer: string;
let admin: string;
beforeAll(async () => {
	officer = await login('demo-officer');
	admin = await login('demo-admin');
});

describe('XSS: a name with markup comes out as text on every surface', () => {
	let id: string;
	beforeAll(async () => {
		const row = await insertCase({
			lat: 22.54,
			lon: 114.06,
			child_name: MARKUP,
			place_name: MARKUP,
			clothing: MARKUP,
			description: MARKUP
		});
		await markAlertSent(row);
		id = row.id;
	});

	it.each([
		['CAP', () => `/feeds/cap/${id}.xml`],
		['Atom', () => '/feeds/alerts.atom'],
		['PFIF', () => '/feeds/pfif.xml']
	])('%s escapes it', async (_name, path) => {
		const answer = await SELF.fetch(`${ORIGIN}${path()}`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('Content-Type')).toMatch(/xml/);
		const xml = await answer.text();
		expect(xml).toContain('&lt;script&gt;');
		// CAP inside Atom is escaped twice; either way no raw markup of the name appears.
		for (const raw of RAW) expect(xml).not.toContain(raw);
		// (Well-formedness is checked with xmllint in the feeds' unit tests: its wasm needs Node's workers.)
	});

	it('JSON answers are application/json with nosniff, so a browser never renders them as a page', async () => {
		for (const path of [`/api/cases/${id}`, `/api/alerts?geohash=${encodeGeohash(22.54, 114.06, 5)}`]) {
			const answer = await SELF.fetch(`${ORIGIN}${path}`);
			expect(answer.headers.get('Content-Type')).toMatch(/^application\/json/);
			expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
			// The markup is data inside a JSON string, never a document a browser would render.
			expect(JSON.stringify(await answer.json())).toContain(JSON.stringify(MARKUP).slice(1, -1));
		}
	});

	it('the poster SVG built from the public case escapes it', async () => {
		const shown = (await (await SELF.fetch(`${ORIGIN}/api/cases/${id}`)).json()) as Record<string, string>;
		const svg = posterSvg({
			caseUrl: `${ORIGIN}/cases/${id}`,
			resolved: false,
			headline: '寻找',
			name: shown.childName!,
			facts: [['衣着', shown.clothing!]],
			hotline: '110',
			scanHint: '',
			photo: null
		});
		for (const raw of RAW) expect(svg).not.toContain(raw);
		expect(svg).toContain('&lt;script&gt;');
	});

	it('/embed writes its query into the page as escaped attributes, or refuses it', async () => {
		for (const query of [
			`lat=1&lon=1&lang=${encodeURIComponent(MARKUP)}`,
			`lat=${encodeURIComponent(MARKUP)}&lon=1`
		]) {
			const answer = await SELF.fetch(`${ORIGIN}/embed?${query}`);
			const text = await answer.text();
			for (const raw of RAW) expect(text, query).not.toContain(raw);
			expect(answer.status).toBeLessThan(500);
		}
	});
});

describe('SSRF: webhook URLs that reach inside are refused at registration, nothing stored', () => {
	it.each([
		'http://partner.example.com/hook',
		'https://127.0.0.1/hook',
		'https://localhost/hook',
		'https://localhost./hook',
		'https://169.254.169.254/latest/meta-data',
		'https://0x7f.1/',
		'https://2130706433/',
		'https://017700000001/',
		'https://127.1/',
		'https://[::1]/',
		'https://[::ffff:127.0.0.1]/',
		'https://[::ffff:0:a9fe:a9fe]/',
		'https://[2001::a9fe:a9fe]/',
		'https://[2002:a9fe:a9fe::1]/',
		'https://[64:ff9b::a9fe:a9fe]/',
		'https://[fe80::1]/',
		'https://[fd00::1]/',
		'https://10.0.0.1/',
		'https://192.168.1.1/',
		'https://100.64.0.1/',
		'https://metadata.google.internal/',
		'https://printer.local/',
		'https://intranet/',
		'https://user:pass@partner.example.com/',
		'file:///etc/passwd',
		'gopher://partner.example.com/',
		'ftp://partner.example.com/',
		'javascript:alert(1)',
		'//partner.example.com/'
	])('%s', async (url) => {
		const before = await countRows('partners');
		const answer = await policeFetch(admin, 'POST', '/api/police/partners', {
			name: 'probe',
			url,
			area: { circles: [{ lat: 31.2, lon: 121.4, radiusKm: 10 }] },
			events: ['case.alert']
		});
		expect(answer.status).toBe(400);
		expect(await expectErrorShape(answer)).toMatchObject({ code: 'validation_failed', field: 'url' });
		expect(await countRows('partners')).toBe(before);
	});
});

describe('uploads', () => {
	const HTML = new TextEncoder().encode('<html><script>alert(document.domain)</script></html>');

	async function draft(): Promise<string> {
		const answer = await policeFetch(officer, 'POST', '/api/police/cases', {
			childName: '上传',
			age: 5,
			sex: 'female',
			contactPhone: '110',
			lastSeenAt: '2026-01-01T08:00:00+08:00',
			placeName: '上海',
			lat: 31.2,
			lon: 121.4
		});
		return ((await answer.json()) as { id: string }).id;
	}

	function put(id: string, body: Uint8Array<ArrayBuffer>, type: string): Promise<Response> {
		return SELF.fetch(`${ORIGIN}/api/police/cases/${id}/photo`, {
			method: 'PUT',
			headers: { Origin: ORIGIN, Cookie: officer, 'Content-Type': type },
			body
		});
	}

	it('a JPEG/HTML polyglot is stored as the image alone, served as image/jpeg with nosniff', async () => {
		const id = await draft();
		const comment = new Uint8Array([0xff, 0xfe, 0, HTML.length + 2, ...HTML]);
		const jpeg = jpegWithGps();
		// HTML in a comment segment after SOI, and HTML appended after EOI.
		const polyglot = joinBytes(jpeg.subarray(0, 2), comment, jpeg.subarray(2), HTML);
		const answer = await put(id, polyglot, 'image/jpeg');
		expect(answer.status).toBe(200);
		const { photoUrl } = (await answer.json()) as { photoUrl: string };
		const served = await policeFetch(officer, 'GET', photoUrl);
		expect(served.headers.get('Content-Type')).toBe('image/jpeg');
		expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
		const text = new TextDecoder('latin1').decode(await served.arrayBuffer());
		expect(text).not.toContain('<script');
		expect(text).not.toContain('GPSLatitude');
	});

	it.each([
		['HTML called a JPEG', HTML, 'image/jpeg', 400],
		[
			'a PNG called a JPEG',
			new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
			'image/jpeg',
			400
		],
		[
			'SVG',
			new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
			'image/svg+xml',
			415
		],
		['GIF', new TextEncoder().encode('GIF89a\x01\x00\x01\x00'), 'image/gif', 415],
		['a JPEG cut short', jpegWithGps().subarray(0, 40), 'image/jpeg', 400],
		['an empty body', new Uint8Array(0), 'image/jpeg', 400]
	] as const)('refuses %s (%i) and stores nothing', async (_name, bytes, type, status) => {
		const id = await draft();
		const answer = await put(id, new Uint8Array(bytes), type);
		expect(answer.status).toBe(status);
		await expectErrorShape(answer);
		const view = (await (await policeFetch(officer, 'GET', `/api/police/cases/${id}`)).json()) as {
			photoUrl: string | null;
		};
		expect(view.photoUrl).toBeNull();
	});

	it('refuses a photo over 5 MB with 413, as a case photo and as a clue photo', async () => {
		const big = new Uint8Array(5 * 1024 * 1024 + 1);
		big.set(jpegWithGps().subarray(0, 4));
		const photo = await put(await draft(), big, 'image/jpeg');
		expect(photo.status).toBe(413);
		await expectErrorShape(photo);
		const row = await insertCase({ lat: 31.2, lon: 121.4 });
		const form = new FormData();
		form.set('tip', JSON.stringify({ message: 'seen' }));
		form.set('photo', new File([big], 'a.jpg', { type: 'image/jpeg' }));
		const before = await countRows('tips');
		const tip = await SELF.fetch(`${ORIGIN}/api/cases/${row.id}/tips`, {
			method: 'POST',
			headers: { 'CF-Connecting-IP': nextAddress() },
			body: form
		});
		expect(tip.status).toBe(413);
		await expectErrorShape(tip);
		expect(await countRows('tips')).toBe(before);
	});

	it('a clue photo that is HTML is refused and nothing is stored', async () => {
		const row = await insertCase({ lat: 31.2, lon: 121.4 });
		const form = new FormData();
		form.set('tip', JSON.stringify({ message: 'seen' }));
		form.set('photo', new File([HTML], 'a.jpg', { type: 'image/jpeg' }));
		const before = await countRows('tips');
		const answer = await SELF.fetch(`${ORIGIN}/api/cases/${row.id}/tips`, {
			method: 'POST',
			headers: { 'CF-Connecting-IP': nextAddress() },
			body: form
		});
		expect(answer.status).toBe(400);
		expect(await expectErrorShape(answer)).toMatchObject({ field: 'photo' });
		expect(await countRows('tips')).toBe(before);
	});
});

describe('rate limits answer 429 with Retry-After and the error shape', () => {
	async function expectLimited(answer: Response): Promise<void> {
		expect(answer.status).toBe(429);
		expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
		expect((await expectErrorShape(answer)).code).toBe('rate_limited');
	}

	it('tips: 10 per address in 10 minutes', async () => {
		const { id } = await insertCase({ lat: 31.2, lon: 121.4 });
		const address = nextAddress();
		for (let i = 0; i < 10; i++) {
			const answer = await call(
				jsonRequest('POST', `/api/cases/${id}/tips`, { message: `seen ${i}` }, address)
			);
			expect(answer.status).toBe(201);
		}
		const before = await countRows('tips');
		await expectLimited(
			await call(jsonRequest('POST', `/api/cases/${id}/tips`, { message: 'one more' }, address))
		);
		expect(await countRows('tips')).toBe(before);
	});

	it('subscriptions: SUBSCRIBE_RATE_LIMIT per address in 10 minutes', async () => {
		const address = nextAddress();
		const subscribe = () =>
			callWith(
				{ SUBSCRIBE_RATE_LIMIT: '3' },
				jsonRequest(
					'POST',
					'/api/subscriptions',
					{ subscription: fakeSubscription(), regions: ['wtw3s'] },
					address
				)
			);
		for (let i = 0; i < 3; i++) expect((await subscribe()).status).toBe(201);
		const before = await countRows('subscription_regions');
		await expectLimited(await subscribe());
		expect(await countRows('subscription_regions')).toBe(before);
	});

	it('sign-in: SIGN_IN_ADDRESS_LIMIT attempts per address, even with the right password after', async () => {
		const address = nextAddress();
		const attempt = (password: string) =>
			callWith(
				{ SIGN_IN_ADDRESS_LIMIT: '3' },
				new Request(`${ORIGIN}/api/auth/login`, {
					method: 'POST',
					headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'CF-Connecting-IP': address },
					body: JSON.stringify({ username: 'demo-officer', password })
				})
			);
		for (let i = 0; i < 3; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
		const limited = await attempt('reunion-demo');
		await expectLimited(limited);
		expect(limited.headers.get('Set-Cookie')).toBeNull();
	});
});

describe('security headers', () => {
	it.each([
		['/api/health'],
		['/api/alerts?geohash=wtw3s'],
		['/api/nothing-here'],
		['/feeds/alerts.atom'],
		['/.well-known/reunion-keys.json'],
		['/embed?lat=31.2&lon=121.4'],
		['/api/police/cases'],
		['/api/photos/cases/none/none.jpg']
	])('%s carries nosniff; errors carry the error shape', async (path) => {
		const answer = await SELF.fetch(`${ORIGIN}${path}`);
		expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
		if (answer.status >= 400) await expectErrorShape(answer);
		else await answer.arrayBuffer();
	});

	it('police answers are never cached, and the console cannot be framed by its API answers', async () => {
		const answer = await policeFetch(officer, 'GET', '/api/police/cases');
		expect(answer.status).toBe(200);
		expect(answer.headers.get('Cache-Control')).toBe('no-store');
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBeNull();
		await answer.arrayBuffer();
	});

	it('police routes answer no CORS preflight, so no other site may send them with credentials', async () => {
		const answer = await SELF.fetch(`${ORIGIN}/api/police/cases`, {
			method: 'OPTIONS',
			headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' }
		});
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBeNull();
		expect(answer.headers.get('Access-Control-Allow-Credentials')).toBeNull();
		await answer.arrayBuffer();
	});
});
