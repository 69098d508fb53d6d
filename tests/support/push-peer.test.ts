import { createECDH, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { encrypt } from 'http_ece';
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPushRequest } from '../../functions/push/request';
import { generateVapidKeys, VapidSigner, type VapidKeys } from '../../functions/push/vapid';
import {
	createTestSubscriber,
	parseVapidAuthorization,
	startPushPeer,
	type PeerSubscriber,
	type PushPeer
} from './push-peer';

let peer: PushPeer;
let keys: VapidKeys;
beforeAll(async () => {
	keys = await generateVapidKeys();
	peer = await startPushPeer({ vapidPublicKey: keys.publicKey });
});
afterAll(() => peer.close());
beforeEach(() => peer.reset(keys.publicKey));

// An ES256 JWT with any claims, signed by node:crypto, to probe the peer's checks.
function jwt(
	claims: Record<string, unknown>,
	header: Record<string, unknown> = { typ: 'JWT', alg: 'ES256' }
) {
	const point = Buffer.from(keys.publicKey, 'base64url');
	const key = createPrivateKey({
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: point.subarray(1, 33).toString('base64url'),
			y: point.subarray(33).toString('base64url'),
			d: keys.privateKey
		},
		format: 'jwk'
	});
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const unsigned = `${part(header)}.${part(claims)}`;
	const signature = sign('sha256', Buffer.from(unsigned), { key, dsaEncoding: 'ieee-p1363' });
	return `${unsigned}.${signature.toString('base64url')}`;
}

// A valid request from our sender, then `change` applied to its headers or body.
async function post(
	id: string,
	change: (init: { headers: Record<string, string>; body: Uint8Array }) => void = () => {}
) {
	const subscription = peer.register(id);
	const signer = await VapidSigner.create(keys, 'mailto:ops@reunion.example');
	const { url, init } = await buildPushRequest(
		{ subscription, payload: { id }, topic: 'abc', ttlSeconds: 60 },
		signer
	);
	const editable = { headers: { ...init.headers }, body: init.body as Uint8Array };
	change(editable);
	return fetch(url, { method: 'POST', headers: editable.headers, body: new Uint8Array(editable.body) });
}

const now = () => Math.floor(Date.now() / 1000);

describe('the peer checks VAPID as a push service does (RFC 8292)', () => {
	it.each<[string, () => string, number, RegExp]>([
		['no Authorization', () => '', 401, /no vapid/],
		['a WebPush (draft) scheme', () => `WebPush ${jwt({})}`, 401, /no vapid/],
		['another k', () => `vapid t=${jwt({})}, k=${createTestSubscriber().keys.p256dh}`, 403, /k is not/],
		[
			'a forged signature',
			() => `vapid t=${jwt({}).slice(0, -4)}AAAA, k=${keys.publicKey}`,
			401,
			/signature/
		],
		[
			'alg none',
			() =>
				`vapid t=${jwt({ aud: peer.origin, exp: now() + 60, sub: 'mailto:a@b.c' }, { alg: 'none' })}, k=${keys.publicKey}`,
			401,
			/alg/
		],
		[
			'aud of another origin',
			() =>
				`vapid t=${jwt({ aud: 'https://fcm.googleapis.com', exp: now() + 60, sub: 'mailto:a@b.c' })}, k=${keys.publicKey}`,
			401,
			/aud/
		],
		[
			'an expired exp',
			() => `vapid t=${jwt({ aud: peer.origin, exp: now() - 1, sub: 'mailto:a@b.c' })}, k=${keys.publicKey}`,
			401,
			/exp/
		],
		[
			'exp beyond 24 h',
			() =>
				`vapid t=${jwt({ aud: peer.origin, exp: now() + 25 * 3600, sub: 'mailto:a@b.c' })}, k=${keys.publicKey}`,
			401,
			/exp/
		],
		[
			'a sub that is no URI',
			() => `vapid t=${jwt({ aud: peer.origin, exp: now() + 60, sub: 'ops' })}, k=${keys.publicKey}`,
			401,
			/sub/
		]
	])('refuses %s', async (_, authorization, status, reason) => {
		const response = await post('v', (init) => {
			init.headers.Authorization = authorization();
		});
		expect(response.status).toBe(status);
		expect(peer.rejected).toEqual([
			{ id: 'v', status, reason: expect.stringMatching(reason), at: expect.any(Number) }
		]);
		expect(peer.received).toEqual([]);
	});

	it('accepts hand-made tokens with the parameters in another order', async () => {
		const token = jwt({ aud: peer.origin, exp: now() + 3600, sub: 'https://reunion.example' });
		const response = await post('order', (init) => {
			init.headers.Authorization = `vapid k=${keys.publicKey},t=${token}`;
		});
		expect(response.status).toBe(201);
		expect(parseVapidAuthorization(`vapid k=K, t=T`)).toEqual({ t: 'T', k: 'K' });
	});

	it('refuses everything while it has no VAPID key', async () => {
		peer.vapidPublicKey = undefined;
		expect((await post('nokey')).status).toBe(401);
		expect(peer.rejected[0]?.reason).toMatch(/no VAPID public key/);
	});
});

describe('the peer checks RFC 8030 headers and the body', () => {
	it.each<[string, (init: { headers: Record<string, string>; body: Uint8Array }) => void, number, RegExp]>([
		['a missing TTL', (init) => delete init.headers.TTL, 400, /TTL/],
		[
			'another content coding',
			(init) => void (init.headers['Content-Encoding'] = 'aesgcm'),
			400,
			/Content-Encoding/
		],
		['a Topic of 33 characters', (init) => void (init.headers.Topic = 'a'.repeat(33)), 400, /Topic/],
		['an unknown Urgency', (init) => void (init.headers.Urgency = 'urgent'), 400, /Urgency/],
		[
			'a corrupted ciphertext',
			(init) => void (init.body = Uint8Array.from(init.body, (b, i) => (i === 100 ? b ^ 1 : b))),
			400,
			/decrypt/
		]
	])('refuses %s', async (_, change, status, reason) => {
		const response = await post('h', change);
		expect(response.status).toBe(status);
		expect(peer.rejected[0]?.reason).toMatch(reason);
	});

	it('answers 413 to a body over 4096 bytes (RFC 8030 §7.2)', async () => {
		const subscriber = createTestSubscriber();
		const { endpoint } = peer.register('big', subscriber);
		const sender = createECDH('prime256v1');
		sender.generateKeys();
		const body = encrypt(Buffer.alloc(4000, 1), {
			version: 'aes128gcm',
			privateKey: sender,
			dh: Buffer.from(subscriber.keys.p256dh, 'base64url'),
			authSecret: Buffer.from(subscriber.keys.auth, 'base64url'),
			salt: randomBytes(16),
			rs: 8192
		});
		const signer = await VapidSigner.create(keys, 'mailto:ops@reunion.example');
		const response = await fetch(endpoint, {
			method: 'POST',
			headers: {
				Authorization: await signer.authorization(endpoint),
				TTL: '60',
				'Content-Encoding': 'aes128gcm'
			},
			body: new Uint8Array(body)
		});
		expect(response.status).toBe(413);
	});

	it('answers 201 with a Location, and 410 once the subscription is gone', async () => {
		const subscription = peer.register('known');
		const signer = await VapidSigner.create(keys, 'mailto:ops@reunion.example');
		const { url, init } = await buildPushRequest(
			{ subscription, payload: {}, topic: 'abc', ttlSeconds: 60 },
			signer
		);
		const response = await fetch(url, init);
		expect(response.status).toBe(201);
		expect(response.headers.get('Location')).toMatch(new RegExp(`^${peer.origin}/message/\\d+$`));
		peer.devices.delete('known');
		expect((await fetch(url, init)).status).toBe(410);
	});
});

describe('subscribers and faults', () => {
	it('registers keys made elsewhere (e.g. for a browser stub), and refuses keys that do not match', async () => {
		const subscriber = createTestSubscriber();
		expect(peer.register('b1', subscriber)).toEqual({
			id: 'b1',
			endpoint: peer.endpointFor('b1'),
			keys: subscriber.keys
		});
		expect(peer.register('b1')).toEqual(peer.register('b1'));
		expect(peer.subscriber('b1')?.privateKey).toBe(subscriber.privateKey);
		const other = createTestSubscriber();
		expect(() => peer.register('b2', { ...subscriber, keys: other.keys })).toThrow(/does not belong/);
	});

	it('applies faults in order, `times` at a time, then accepts', async () => {
		peer.register('f');
		peer.faults.set('f', [{ status: 500, times: 2 }, { status: 429 }]);
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await post('f')).status);
		expect(statuses).toEqual([500, 500, 429, 201]);
		expect(peer.stats()).toMatchObject({
			attempts: 4,
			faulted: 3,
			delivered: 1,
			byStatus: { 500: 2, 429: 1, 201: 1 }
		});
	});

	it('answers every endpoint with the conditions while they last (an outage), behind per-endpoint faults', async () => {
		peer.register('o1');
		peer.faults.set('o2', [{ status: 429 }]);
		peer.setConditions({ status: 500, forMs: 300 });
		expect([(await post('o1')).status, (await post('o2')).status, (await post('o2')).status]).toEqual([
			500, 429, 500
		]);
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect([(await post('o1')).status, (await post('o2')).status]).toEqual([201, 201]);
		peer.setConditions({ status: 503 });
		expect((await post('o1')).status).toBe(503);
		peer.setConditions(undefined);
		expect((await post('o1')).status).toBe(201);
	});

	it('counts duplicates', async () => {
		await post('d');
		await post('d');
		await post('e');
		expect(peer.stats().duplicates).toBe(1);
		expect(peer.countsById()).toEqual(
			new Map([
				['d', 2],
				['e', 1]
			])
		);
	});
});

describe('independence from our sender', () => {
	it('accepts what web-push (the reference implementation) builds, and decrypts it', async () => {
		const target = peer.register('reference');
		const details = webpush.generateRequestDetails(
			{ endpoint: target.endpoint, keys: target.keys },
			JSON.stringify({ from: 'web-push', text: '团圆' }),
			{
				vapidDetails: {
					subject: 'mailto:ops@reunion.example',
					publicKey: keys.publicKey,
					privateKey: keys.privateKey
				},
				contentEncoding: 'aes128gcm',
				TTL: 120,
				urgency: 'high',
				topic: 'webpushtopic'
			}
		);
		const response = await fetch(details.endpoint, {
			method: details.method,
			headers: details.headers as Record<string, string>,
			body: new Uint8Array(details.body as Buffer)
		});
		expect(peer.rejected).toEqual([]);
		expect(response.status).toBe(201);
		expect(peer.received[0]).toMatchObject({
			id: 'reference',
			payload: { from: 'web-push', text: '团圆' },
			headers: { ttl: '120', urgency: 'high', topic: 'webpushtopic' }
		});
	});
});

describe('control API over HTTP (same port, /_peer/)', () => {
	const call = async (path: string, body?: unknown) => {
		const response = await fetch(
			`${peer.origin}/_peer/${path}`,
			body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }
		);
		return { status: response.status, json: (await response.json()) as Record<string, unknown> };
	};

	it('registers, sets faults, reports what arrived, and resets', async () => {
		expect((await call('health')).json).toMatchObject({
			ok: true,
			origin: peer.origin,
			vapidPublicKey: keys.publicKey
		});
		const given = createTestSubscriber();
		const { json: registered } = await call('subscribers', {
			ids: ['x1'],
			subscribers: [{ id: 'x2', ...given }]
		});
		expect((registered as unknown as PeerSubscriber[]).map((s) => s.id)).toEqual(['x1', 'x2']);
		expect((await call('subscribers/x2')).json).toMatchObject({ privateKey: given.privateKey });
		await call('faults', { x1: [{ status: 429, retryAfter: 1 }] });
		expect((await post('x1')).headers.get('Retry-After')).toBe('1');
		expect((await post('x1')).status).toBe(201);
		const { json } = await call('received?id=x1');
		expect(json).toMatchObject({
			received: [{ id: 'x1', payload: { id: 'x1' } }],
			attempts: 2,
			stats: { faulted: 1 }
		});
		expect((await call('stats')).json).toMatchObject({ delivered: 1 });
		await call('reset', { vapidPublicKey: 'other' });
		expect(peer.vapidPublicKey).toBe('other');
		expect(peer.devices.size).toBe(0);
		await call('config', { vapidPublicKey: keys.publicKey });
		expect(peer.vapidPublicKey).toBe(keys.publicKey);
	});

	it('answers 400 to bad JSON and 404 to unknown routes', async () => {
		expect((await fetch(`${peer.origin}/_peer/faults`, { method: 'POST', body: '{' })).status).toBe(400);
		expect((await call('nothing')).status).toBe(404);
		expect(
			(
				await call('subscribers', {
					subscribers: [{ id: 'bad', keys: { p256dh: 'x', auth: 'y' }, privateKey: 'z' }]
				})
			).status
		).toBe(400);
	});
});
