// The probe's findings of issue 18, each reproduced as the probe found it and refused (functions/…, src/lib/…).
// The image allow-list and the webhook URL forms are unit tests beside their code (functions/images/strip.test.ts,
// functions/webhooks/url-policy.test.ts); the schema rules are in src/lib/schemas/input-rules.test.ts.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseRow } from '../../../functions/db/cases';
import { broadcastCaseChange } from '../../../functions/live/broadcast';
import { MAX_SOCKETS_PER_ADDRESS } from '../../../functions/live/hubs';
import { enqueueCaseEvent } from '../../../functions/webhooks/enqueue';
import { verifyAlert, type PublicJwk } from '../../../src/lib/signing/alert-signature';
import { insertCase } from '../helpers/cases';
import { jpegWithGps } from '../helpers/images';
import { listen } from '../helpers/live';
import { clearPartners, createPartner, SHANGHAI } from '../helpers/partners';
import { DRAFT, login, ORIGIN, policeFetch } from '../helpers/police';
import { HandQueues } from '../helpers/queues';
import { call, errorOf, fakeSubscription, jsonRequest } from '../helpers/requests';
import { countRows, nextAddress } from './support';

let officer: string;
beforeAll(async () => {
	officer = await login('demo-officer');
});

async function publicKeys(): Promise<PublicJwk[]> {
	const answer = await SELF.fetch(`${ORIGIN}/.well-known/reunion-keys.json`);
	return ((await answer.json()) as { keys: PublicJwk[] }).keys;
}

describe('medium: a drill signed like a real alert', () => {
	async function deliveredCase(row: CaseRow, type: 'case.alert' | 'case.cancelled') {
		const hand = new HandQueues();
		expect(await enqueueCaseEvent(hand.env, row, type, new Date())).toBe(1);
		const event = await env.DB.prepare('SELECT body FROM webhook_events WHERE case_id = ? AND type = ?')
			.bind(row.id, type)
			.first<{ body: string }>();
		return (JSON.parse(event!.body) as { data: { case: Record<string, unknown> } }).data.case;
	}

	it("a test partner's case.alert of an exercise carries exercise: true inside what is signed", async () => {
		await clearPartners();
		await createPartner({ name: 'drill receiver', test: true });
		const drill = await deliveredCase(await insertCase({ ...SHANGHAI, exercise: 1 }), 'case.alert');
		expect(drill.exercise).toBe(true);
		const keys = await publicKeys();
		expect(await verifyAlert(drill, keys)).toBe(true);
		// Stripping the mark breaks the signature: a relay cannot pass the drill off as a real alert.
		const { exercise: _mark, ...stripped } = drill;
		expect(await verifyAlert(stripped, keys)).toBe(false);
	});

	it("a drill's cancel is marked too, and a real case carries no mark", async () => {
		await clearPartners();
		await createPartner({ name: 'drill receiver', test: true });
		const now = new Date().toISOString();
		const cancelled = await insertCase({ ...SHANGHAI, exercise: 1, status: 'cancelled', cancelled_at: now });
		expect(await deliveredCase(cancelled, 'case.cancelled')).toMatchObject({ exercise: true });
		await clearPartners();
		await createPartner({ name: 'real receiver' });
		expect(await deliveredCase(await insertCase({ ...SHANGHAI }), 'case.alert')).not.toHaveProperty(
			'exercise'
		);
	});
});

describe('live: a cancel repeats the child', () => {
	it('the live "cancelled" message is { id, status, cancelledAt } and nothing of the child', async () => {
		const page = await listen('wtw');
		const row = await insertCase({ ...SHANGHAI, child_name: '秘密名字', place_name: '某个地方' });
		const cancelledAt = new Date().toISOString();
		await broadcastCaseChange(env, { ...row, status: 'cancelled', cancelled_at: cancelledAt }, 'cancelled');
		const message = await page.next();
		expect(message).toMatchObject({ type: 'case', kind: 'cancelled' });
		if (message.type !== 'case') throw new Error('not a case message');
		expect(message.case).toEqual({ id: row.id, status: 'cancelled', cancelledAt });
		page.ws.close();
	});
});

describe("photos: a draft's or an exercise's photo served to anyone with the URL", () => {
	async function withPhoto(overrides: Partial<CaseRow>): Promise<string> {
		const id = `photo-${crypto.randomUUID()}`;
		const key = `cases/${id}/p${Date.now()}.jpg`;
		await env.PHOTOS.put(key, jpegWithGps(), { httpMetadata: { contentType: 'image/jpeg' } });
		await insertCase({ ...SHANGHAI, id, photo_key: key, ...overrides });
		return `/api/photos/${key}`;
	}

	it.each([
		['a draft', { status: 'draft', published_at: null }],
		['a pending case', { status: 'pending', published_at: null }],
		['a published exercise', { exercise: 1 }]
	] as const)('%s: 404 to the public, the photo to a signed-in officer', async (_name, overrides) => {
		const url = await withPhoto(overrides);
		const anonymous = await SELF.fetch(`${ORIGIN}${url}`);
		expect(anonymous.status).toBe(404);
		expect(await errorOf(anonymous)).toMatchObject({ code: 'not_found' });
		const police = await policeFetch(officer, 'GET', url);
		expect(police.status).toBe(200);
		expect(police.headers.get('Cache-Control')).toBe('private, no-store');
		await police.arrayBuffer();
	});

	it("a published case's photo is public (the control)", async () => {
		const answer = await SELF.fetch(`${ORIGIN}${await withPhoto({})}`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('Cache-Control')).toBe('public, max-age=3600');
		await answer.arrayBuffer();
	});
});

describe('tips', () => {
	let caseId: string;
	beforeAll(async () => {
		caseId = (await insertCase({ ...SHANGHAI })).id;
	});

	it.each(['application/json-patch+json', 'application/json-seq', 'application/jsonx', 'text/json'])(
		'refuses Content-Type %s with 415 and stores nothing',
		async (type) => {
			const before = await countRows('tips');
			const answer = await call(
				new Request(`${ORIGIN}/api/cases/${caseId}/tips`, {
					method: 'POST',
					headers: { 'Content-Type': type, 'CF-Connecting-IP': nextAddress() },
					body: JSON.stringify({ message: 'seen near the station' })
				})
			);
			expect(answer.status).toBe(415);
			expect(await errorOf(answer)).toMatchObject({ code: 'unsupported_media_type' });
			expect(await countRows('tips')).toBe(before);
		}
	);

	it.each(['0000-01-01T00:00:00Z', '1989-12-31T23:59:59+08:00'])(
		'refuses seenAt %s like a case’s lastSeenAt',
		async (seenAt) => {
			const before = await countRows('tips');
			const answer = await call(
				jsonRequest('POST', `/api/cases/${caseId}/tips`, { message: 'seen', seenAt }, nextAddress())
			);
			expect(answer.status).toBe(400);
			expect(await errorOf(answer)).toMatchObject({ code: 'validation_failed', field: 'seenAt' });
			expect(await countRows('tips')).toBe(before);
		}
	);

	it('refuses a clue sent from another site (403 cross_origin), JSON or multipart, without CORS', async () => {
		const before = await countRows('tips');
		const form = new FormData();
		form.set('tip', JSON.stringify({ message: 'from an ad iframe' }));
		for (const [body, headers] of [
			[form, {}],
			[JSON.stringify({ message: 'from another page' }), { 'Content-Type': 'application/json' }]
		] as const) {
			const answer = await SELF.fetch(`${ORIGIN}/api/cases/${caseId}/tips`, {
				method: 'POST',
				headers: { ...headers, Origin: 'https://evil.example', 'CF-Connecting-IP': nextAddress() },
				body
			});
			expect(answer.status).toBe(403);
			expect(await errorOf(answer)).toMatchObject({ code: 'cross_origin' });
			expect(answer.headers.get('Access-Control-Allow-Origin')).toBeNull();
		}
		expect(await countRows('tips')).toBe(before);
		// A preflight for the POST is not granted either.
		const preflight = await SELF.fetch(`${ORIGIN}/api/cases/${caseId}/tips`, {
			method: 'OPTIONS',
			headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' }
		});
		expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
	});

	it('takes a clue from the site itself, and from a client that sends no Origin, without CORS', async () => {
		for (const origin of [ORIGIN, null]) {
			const answer = await SELF.fetch(`${ORIGIN}/api/cases/${caseId}/tips`, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'CF-Connecting-IP': nextAddress(),
					...(origin ? { Origin: origin } : {})
				},
				body: JSON.stringify({ message: 'seen at the bus stop' })
			});
			expect(answer.status).toBe(201);
			expect(answer.headers.get('Access-Control-Allow-Origin')).toBeNull();
		}
		// Reads stay embeddable (API.md: CORS * on GET).
		const read = await SELF.fetch(`${ORIGIN}/api/cases/${caseId}`, {
			headers: { Origin: 'https://news.example' }
		});
		expect(read.headers.get('Access-Control-Allow-Origin')).toBe('*');
	});
});

describe('text that XML cannot carry', () => {
	it.each([
		['U+FFFF', 'Ann\uFFFF'],
		['U+FFFE', 'Ann\uFFFE'],
		['U+FDD0', 'Ann\uFDD0'],
		['a plane-16 noncharacter', 'Ann\u{10FFFF}'],
		['a lone high surrogate', 'Ann\uD800'],
		['a lone low surrogate', 'Ann\uDC00'],
		['NUL', 'Ann\u0000']
	])('a name holding %s is refused at the edge (400, field childName)', async (_name, childName) => {
		const before = await countRows('cases');
		const answer = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, childName });
		expect(answer.status).toBe(400);
		expect(await errorOf(answer)).toMatchObject({ code: 'validation_failed', field: 'childName' });
		expect(await countRows('cases')).toBe(before);
	});

	it('a name with a surrogate pair (an emoji, a rare hanzi) is fine', async () => {
		const answer = await policeFetch(officer, 'POST', '/api/police/cases', {
			...DRAFT,
			childName: '𠮷野 😀'
		});
		expect(answer.status).toBe(201);
	});
});

describe('push endpoints spelt another way', () => {
	const spellings = (endpoint: string) => {
		const url = new URL(endpoint);
		const path = url.pathname.replace('/send/', '/./send/');
		return [
			`https://${url.host.toUpperCase()}${url.pathname}`,
			`https://${url.host}:443${url.pathname}`,
			`${endpoint}#fragment`,
			`https://${url.host}${path}`,
			`HTTPS://${url.host.replace('fcm', 'FCM')}:443${path}#x`
		];
	};

	it('register as the same subscription: 200 with its keys, 403 auth_mismatch with other keys', async () => {
		const device = fakeSubscription();
		const address = nextAddress();
		const first = await call(
			jsonRequest('POST', '/api/subscriptions', { subscription: device, regions: ['wtw3s'] }, address)
		);
		expect(first.status).toBe(201);
		const { id } = (await first.json()) as { id: string };
		const before = await countRows('subscription_regions');
		for (const endpoint of spellings(device.endpoint)) {
			const same = await call(
				jsonRequest(
					'POST',
					'/api/subscriptions',
					{ subscription: { ...device, endpoint }, regions: ['wtw3s'] },
					nextAddress()
				)
			);
			expect(same.status, endpoint).toBe(200);
			expect(await same.json()).toEqual({ id });
			const other = await call(
				jsonRequest(
					'POST',
					'/api/subscriptions',
					{
						subscription: { endpoint, keys: { ...device.keys, auth: 'AAAAAAAAAAAAAAAAAAAAAA' } },
						regions: ['ws0e9']
					},
					nextAddress()
				)
			);
			expect(other.status, endpoint).toBe(403);
		}
		expect(await countRows('subscription_regions')).toBe(before);
		// Unsubscribing under another spelling reaches it too.
		const gone = await call(
			jsonRequest('DELETE', '/api/subscriptions', {
				endpoint: spellings(device.endpoint)[4],
				auth: device.keys.auth
			})
		);
		expect(gone.status).toBe(204);
		expect(await countRows('subscription_regions')).toBe(before - 1);
	});
});

describe('live sockets', () => {
	async function open(address: string, cells = 'xn7'): Promise<Response> {
		return SELF.fetch(`${ORIGIN}/api/live?cells=${cells}`, {
			headers: { Upgrade: 'websocket', 'CF-Connecting-IP': address }
		});
	}

	it(`one address holds at most ${MAX_SOCKETS_PER_ADDRESS} sockets in a cell; another address is not hindered`, async () => {
		const address = nextAddress();
		const sockets: WebSocket[] = [];
		for (let i = 0; i < MAX_SOCKETS_PER_ADDRESS; i++) {
			const answer = await open(address);
			expect(answer.status).toBe(101);
			answer.webSocket!.accept();
			sockets.push(answer.webSocket!);
		}
		const refused = await open(address);
		expect(refused.status).toBe(429);
		expect(await errorOf(refused)).toMatchObject({ code: 'rate_limited' });
		expect(refused.headers.get('Retry-After')).toBeTruthy();
		const other = await open(nextAddress());
		expect(other.status).toBe(101);
		other.webSocket!.accept();
		other.webSocket!.close();
		// Closing one frees a place.
		sockets.pop()!.close(1000);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const again = await open(address);
		expect(again.status).toBe(101);
		again.webSocket!.accept();
		for (const ws of [...sockets, again.webSocket!]) ws.close(1000);
	});

	it.each([
		['a 2 MiB frame', 1009, 'x'.repeat(2 * 1024 * 1024)],
		['an unexpected text frame', 1008, 'hello'],
		['a binary frame', 1008, new Uint8Array([1, 2, 3])]
	] as const)('closes on %s (code %i)', async (_name, code, frame) => {
		const answer = await open(nextAddress(), 'xn6');
		expect(answer.status).toBe(101);
		const ws = answer.webSocket!;
		const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)));
		ws.accept();
		ws.send(frame);
		expect(await closed).toBe(code);
	});
});

describe('X-Content-Type-Options on every answer of the root app', () => {
	it.each([
		['/embed without a place (400)', '/embed', {}, 400],
		['/feeds/ unknown (404)', '/feeds/nothing-here.xml', {}, 404],
		['/api/live without an upgrade (426)', '/api/live?cells=wtw', {}, 426],
		['/api/live with bad cells (400)', '/api/live?cells=aaa', { Upgrade: 'websocket' }, 400],
		['/.well-known/ unknown (404)', '/.well-known/nothing', {}, 404],
		['a page path (the pages worker)', '/stats', {}, 404]
	])('%s', async (_name, path, headers, status) => {
		const answer = await SELF.fetch(`${ORIGIN}${path}`, { headers });
		expect(answer.status).toBe(status);
		expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
		await answer.arrayBuffer();
	});
});
