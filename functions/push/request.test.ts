import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestSubscriber, decryptPushBody, type TestSubscriber } from '../../tests/support/push-peer';
import { InvalidSubscriptionKeyError, MAX_PLAINTEXT_BYTES, PayloadTooLargeError } from './encrypt';
import { buildPushRequest, InvalidPushRequestError, topicForCase, type PushRequestInput } from './request';
import { generateVapidKeys, VapidSigner } from './vapid';

let signer: VapidSigner;
let subscriber: TestSubscriber;
beforeAll(async () => {
	signer = await VapidSigner.create(await generateVapidKeys(), 'mailto:ops@reunion.example');
	subscriber = createTestSubscriber();
});

function input(overrides: Partial<PushRequestInput> = {}): PushRequestInput {
	return {
		subscription: {
			endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/abc',
			keys: subscriber.keys
		},
		payload: { kind: 'alert', caseId: 'c1' },
		topic: 'abc',
		ttlSeconds: 86_400,
		...overrides
	};
}

describe('topicForCase (RFC 8030 §5.4)', () => {
	it('is 32 base64url characters, deterministic, and differs between cases', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), async (a, b) => {
				const topic = await topicForCase(a);
				expect(topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
				expect(await topicForCase(a)).toBe(topic);
				if (a !== b) expect(await topicForCase(b)).not.toBe(topic);
			})
		);
		expect(await topicForCase('0f8fad5b-d9cb-469f-a165-70867728950e')).toMatch(/^[\w-]{32}$/);
	});
});

describe('buildPushRequest', () => {
	it('POSTs to the endpoint with the RFC 8030/8291/8292 headers and a body the subscriber can decrypt', async () => {
		const topic = await topicForCase('case-42');
		const { url, init } = await buildPushRequest(input({ topic, ttlSeconds: 3600.7 }), signer);
		expect(url).toBe('https://updates.push.services.mozilla.com/wpush/v2/abc');
		expect(init.method).toBe('POST');
		expect(init.headers).toEqual({
			Authorization: expect.stringMatching(
				new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${signer.publicKey}$`)
			),
			'Content-Encoding': 'aes128gcm',
			'Content-Type': 'application/octet-stream',
			TTL: '3600',
			Urgency: 'high',
			Topic: topic
		});
		expect(JSON.parse(decryptPushBody(init.body, subscriber).toString())).toEqual({
			kind: 'alert',
			caseId: 'c1'
		});
	});

	it('sends bytes as they are and honours another urgency', async () => {
		const { init } = await buildPushRequest(
			input({ payload: Uint8Array.of(1, 2, 3), urgency: 'low' }),
			signer
		);
		expect(init.headers.Urgency).toBe('low');
		expect([...decryptPushBody(init.body, subscriber)]).toEqual([1, 2, 3]);
	});

	it.each([
		['a Topic of 33 characters', { topic: 'a'.repeat(33) }],
		['a Topic with other characters', { topic: 'case/1' }],
		['an empty Topic', { topic: '' }],
		['a negative TTL', { ttlSeconds: -1 }],
		['a TTL that is not a number', { ttlSeconds: Number.NaN }],
		['an endpoint that is not a URL', { subscription: { endpoint: 'nope', keys: { p256dh: '', auth: '' } } }],
		[
			'an endpoint that is not http(s)',
			{ subscription: { endpoint: 'ftp://x/y', keys: { p256dh: '', auth: '' } } }
		]
	])('refuses %s with InvalidPushRequestError', async (_, overrides) => {
		await expect(buildPushRequest(input(overrides), signer)).rejects.toBeInstanceOf(InvalidPushRequestError);
	});

	it('refuses a payload over 3993 bytes before any crypto work, and accepts exactly 3993', async () => {
		const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
		const tooBig = input({ payload: new Uint8Array(MAX_PLAINTEXT_BYTES + 1) });
		await expect(buildPushRequest(tooBig, signer)).rejects.toBeInstanceOf(PayloadTooLargeError);
		const json = input({ payload: { text: 'x'.repeat(MAX_PLAINTEXT_BYTES) } });
		await expect(buildPushRequest(json, signer)).rejects.toBeInstanceOf(PayloadTooLargeError);
		expect(encrypt).not.toHaveBeenCalled();
		encrypt.mockRestore();
		const { init } = await buildPushRequest(input({ payload: new Uint8Array(MAX_PLAINTEXT_BYTES) }), signer);
		expect(init.body.length).toBe(4096);
	});

	it('fails only that message, with InvalidSubscriptionKeyError, for a bad p256dh', async () => {
		const bad = {
			endpoint: 'https://fcm.googleapis.com/fcm/send/x',
			keys: { ...subscriber.keys, p256dh: 'BAAA' }
		};
		const results = await Promise.allSettled([
			buildPushRequest(input({ subscription: bad }), signer),
			buildPushRequest(input(), signer)
		]);
		expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(InvalidSubscriptionKeyError) });
		expect(results[1]?.status).toBe('fulfilled');
	});
});
