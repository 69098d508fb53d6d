import fc from 'fast-check';
import { createECDH, randomBytes } from 'node:crypto';
import { decrypt } from 'http_ece';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushPeer } from '../../tests/support/push-peer';
import { checkVapid } from '../../tests/support/vapid-check';
import {
	encryptPayload,
	InvalidSubscriptionKeyError,
	MAX_PLAINTEXT_BYTES,
	PayloadTooLargeError
} from './encrypt';
import { buildPushRequest, topicForCase } from './request';
import { mapWithConcurrency, parseRetryAfter, sendPush } from './send';
import { generateVapidKeys, VapidSigner } from './vapid';

function subscriber() {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	const auth = randomBytes(16);
	return {
		ecdh,
		auth,
		keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') }
	};
}

describe('RFC 8291 encryption', () => {
	it('decrypts with an independent implementation (http_ece) for payloads of every size', async () => {
		const s = subscriber();
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: MAX_PLAINTEXT_BYTES }), async (payload) => {
				const body = await encryptPayload(payload, s.keys);
				const plain = decrypt(Buffer.from(body), {
					version: 'aes128gcm',
					privateKey: s.ecdh,
					authSecret: s.auth
				});
				expect(new Uint8Array(plain)).toEqual(payload);
			}),
			{ numRuns: 60 }
		);
	});

	it('writes the aes128gcm header: salt, rs 4096, a 65-byte key id, one record; new salt and key each time', async () => {
		const s = subscriber();
		const [a, b] = [
			await encryptPayload(new Uint8Array(100), s.keys),
			await encryptPayload(new Uint8Array(100), s.keys)
		];
		const view = new DataView(a.buffer);
		expect(view.getUint32(16)).toBe(4096);
		expect(a[20]).toBe(65);
		expect(a[21]).toBe(4);
		expect(a.length).toBe(21 + 65 + 100 + 1 + 16);
		expect(Buffer.from(a.subarray(0, 16))).not.toEqual(Buffer.from(b.subarray(0, 16)));
		expect(Buffer.from(a.subarray(21, 86))).not.toEqual(Buffer.from(b.subarray(21, 86)));
	});

	it('fails one message with a typed error for a bad key, and refuses payloads over the limit', async () => {
		await expect(
			encryptPayload(new Uint8Array(1), { p256dh: 'AAAA', auth: subscriber().keys.auth })
		).rejects.toBeInstanceOf(InvalidSubscriptionKeyError);
		const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url');
		await expect(
			encryptPayload(new Uint8Array(1), { p256dh: notOnCurve, auth: subscriber().keys.auth })
		).rejects.toBeInstanceOf(InvalidSubscriptionKeyError);
		await expect(
			encryptPayload(new Uint8Array(MAX_PLAINTEXT_BYTES + 1), subscriber().keys)
		).rejects.toBeInstanceOf(PayloadTooLargeError);
	});
});

describe('RFC 8292 VAPID', () => {
	it('signs a JWT a push service accepts, and caches it per origin until an hour before expiry', async () => {
		const keys = await generateVapidKeys();
		let now = 1_800_000_000;
		const signer = await VapidSigner.create(keys, 'mailto:ops@example.org', () => now);
		const header = await signer.authorization('https://fcm.googleapis.com/fcm/send/abc');
		expect(await checkVapid(header, keys.publicKey, 'https://fcm.googleapis.com', now)).toEqual({ ok: true });
		expect(await signer.authorization('https://fcm.googleapis.com/fcm/send/other')).toBe(header);
		expect(await signer.authorization('https://web.push.apple.com/x')).not.toBe(header);
		now += 10 * 3600;
		expect(await signer.authorization('https://fcm.googleapis.com/y')).toBe(header);
		now += 1 * 3600 + 1;
		const renewed = await signer.authorization('https://fcm.googleapis.com/y');
		expect(renewed).not.toBe(header);
		expect(await checkVapid(renewed, keys.publicKey, 'https://fcm.googleapis.com', now)).toEqual({
			ok: true
		});
	});

	it('refuses a subject that is neither mailto: nor https:', async () => {
		await expect(VapidSigner.create(await generateVapidKeys(), 'ops@example.org')).rejects.toThrow(/subject/);
	});
});

describe('push requests against the test peer', () => {
	let peer: PushPeer;
	let signer: VapidSigner;
	beforeAll(async () => {
		const keys = await generateVapidKeys();
		peer = new PushPeer(keys.publicKey);
		await peer.listen();
		signer = await VapidSigner.create(keys, 'https://reunion.example/contact');
	});
	afterAll(() => peer.close());

	async function request(id: string, payload: object = { hello: id }) {
		const target = peer.devices.get(id) ?? peer.register(id);
		return buildPushRequest(
			{
				subscription: target,
				payload,
				topic: await topicForCase('case-1'),
				ttlSeconds: 3600,
				urgency: 'high'
			},
			signer
		);
	}

	it('is accepted, decrypted and carries TTL, Urgency and Topic', async () => {
		const outcome = await sendPush(await request('ok-1'), { timeoutMs: 5000 });
		expect(outcome).toMatchObject({ status: 'delivered', httpStatus: 201 });
		expect(peer.received.at(-1)).toMatchObject({
			id: 'ok-1',
			payload: { hello: 'ok-1' },
			headers: { ttl: '3600', urgency: 'high', topic: await topicForCase('case-1') }
		});
	});

	it.each([
		[
			{ status: 429 as const, retryAfter: 7 },
			{ status: 'retry', retryAfterSeconds: 7 }
		],
		[{ status: 500 as const }, { status: 'retry' }],
		[{ status: 410 as const }, { status: 'gone' }],
		[{ status: 404 as const }, { status: 'gone' }],
		[{ status: 400 as const }, { status: 'failed' }],
		[{ status: 413 as const }, { status: 'failed', reason: 'HTTP 413 payload too large' }]
	])('classifies %j', async (fault, expected) => {
		const id = `fault-${fault.status}`;
		const built = await request(id);
		peer.faults.set(id, [fault]);
		expect(await sendPush(built, { timeoutMs: 5000 })).toMatchObject(expected);
	});

	it('gives up on a slow push service after its own timeout, as a retry', async () => {
		const built = await request('slow');
		peer.faults.set('slow', [{ delayMs: 1500 }]);
		const outcome = await sendPush(built, { timeoutMs: 200 });
		expect(outcome.status).toBe('retry');
	});

	it('accepts what web-push (the reference) builds: the peer is independent of our sender', async () => {
		const target = peer.register('reference');
		const keys = await generateVapidKeys();
		peer.vapidPublicKey = keys.publicKey;
		const details = webpush.generateRequestDetails(
			{ endpoint: target.endpoint, keys: target.keys },
			JSON.stringify({ from: 'web-push' }),
			{
				vapidDetails: {
					subject: 'mailto:ops@example.org',
					publicKey: keys.publicKey,
					privateKey: keys.privateKey
				},
				contentEncoding: 'aes128gcm'
			}
		);
		const response = await fetch(details.endpoint, {
			method: details.method,
			headers: details.headers as Record<string, string>,
			body: new Uint8Array(details.body as Buffer)
		});
		expect(response.status).toBe(201);
		expect(peer.received.at(-1)).toMatchObject({ id: 'reference', payload: { from: 'web-push' } });
		peer.vapidPublicKey = signer.publicKey;
	});

	it('refuses a JWT signed with another key', async () => {
		const other = await VapidSigner.create(await generateVapidKeys(), 'mailto:x@example.org');
		const target = peer.register('forged');
		const built = await buildPushRequest(
			{ subscription: target, payload: {}, topic: 'abc', ttlSeconds: 60 },
			other
		);
		expect((await sendPush(built, { timeoutMs: 5000 })).status).toBe('failed');
		expect(peer.rejected.at(-1)).toMatchObject({
			id: 'forged',
			reason: 'k is not the application server key'
		});
	});
});

describe('helpers', () => {
	it('makes a Topic of at most 32 base64url characters, the same for the same case', async () => {
		const topic = await topicForCase('a-very-long-case-identifier-that-would-not-fit-0123456789');
		expect(topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(await topicForCase('a-very-long-case-identifier-that-would-not-fit-0123456789')).toBe(topic);
		expect(await topicForCase('another')).not.toBe(topic);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('120')).toBe(120);
		expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThanOrEqual(29);
		expect(parseRetryAfter('soon')).toBeUndefined();
	});

	it('never runs more than 6 at once', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapWithConcurrency(
			Array.from({ length: 40 }, (_, i) => i),
			6,
			async (i) => {
				running += 1;
				peak = Math.max(peak, running);
				await new Promise((resolve) => setTimeout(resolve, 2 + (i % 5)));
				running -= 1;
				return i * 2;
			}
		);
		expect(peak).toBe(6);
		expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
	});
});
