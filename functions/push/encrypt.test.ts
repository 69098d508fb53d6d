import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestSubscriber, decryptPushBody } from '../../tests/support/push-peer';
import { decodeBase64Url, encodeBase64Url } from '../lib/base64url';
import {
	encryptPayload,
	HEADER_BYTES,
	InvalidSubscriptionKeyError,
	MAX_PLAINTEXT_BYTES,
	PayloadTooLargeError
} from './encrypt';

// RFC 8291 Appendix A (also reproduced by http_ece): fixed keys and salt give this exact body.
const RFC8291 = {
	plaintext: 'When I grow up, I want to be a watermelon',
	asPublic: 'BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8',
	asPrivate: 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw',
	uaPublic: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
	salt: 'DGv6ra1nlYgDCS1FRnbzlw',
	auth: 'BTBZMqHH6r4Tts7J_aSIgg',
	body:
		'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6P' +
		'Bru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN'
};

async function importRfcSenderKeys(): Promise<CryptoKeyPair> {
	const point = decodeBase64Url(RFC8291.asPublic);
	const jwk = {
		kty: 'EC',
		crv: 'P-256',
		x: encodeBase64Url(point.subarray(1, 33)),
		y: encodeBase64Url(point.subarray(33))
	};
	const ecdh = { name: 'ECDH', namedCurve: 'P-256' };
	return {
		publicKey: await crypto.subtle.importKey('jwk', jwk, ecdh, true, []),
		privateKey: await crypto.subtle.importKey('jwk', { ...jwk, d: RFC8291.asPrivate }, ecdh, false, [
			'deriveBits'
		])
	};
}

describe('encryptPayload (RFC 8291, aes128gcm)', () => {
	it('reproduces the RFC 8291 Appendix A test vector byte for byte', async () => {
		const body = await encryptPayload(
			new TextEncoder().encode(RFC8291.plaintext),
			{ p256dh: RFC8291.uaPublic, auth: RFC8291.auth },
			{ salt: decodeBase64Url(RFC8291.salt), senderKeys: await importRfcSenderKeys() }
		);
		expect(encodeBase64Url(body)).toBe(RFC8291.body);
	});

	it('decrypts with http_ece to the same bytes for every payload size from 0 to 3993', async () => {
		const subscriber = createTestSubscriber();
		const sizes = fc.oneof(
			fc.constantFrom(0, 1, MAX_PLAINTEXT_BYTES - 1, MAX_PLAINTEXT_BYTES),
			fc.integer({ min: 0, max: MAX_PLAINTEXT_BYTES })
		);
		const payloads = sizes.chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
		await fc.assert(
			fc.asyncProperty(payloads, async (payload) => {
				const body = await encryptPayload(payload, subscriber.keys);
				expect(new Uint8Array(decryptPushBody(body, subscriber))).toEqual(payload);
				// One record: header, plaintext, delimiter, 16-byte tag; the largest fits a 4096-byte body.
				expect(body.length).toBe(HEADER_BYTES + payload.length + 1 + 16);
				expect(body.length).toBeLessThanOrEqual(4096);
			}),
			{ numRuns: 80 }
		);
	});

	it('writes salt | rs = 4096 | idlen = 65 | an uncompressed sender key, new salt and key each message', async () => {
		const { keys } = createTestSubscriber();
		const [a, b] = await Promise.all([
			encryptPayload(new Uint8Array(100), keys),
			encryptPayload(new Uint8Array(100), keys)
		]);
		const view = new DataView(a.buffer);
		expect(view.getUint32(16)).toBe(4096);
		expect(a[20]).toBe(65);
		expect(a[21]).toBe(0x04);
		expect(encodeBase64Url(a.subarray(0, 16))).not.toBe(encodeBase64Url(b.subarray(0, 16)));
		expect(encodeBase64Url(a.subarray(21, 86))).not.toBe(encodeBase64Url(b.subarray(21, 86)));
	});

	it('accepts keys with base64 padding, as some libraries store them', async () => {
		const subscriber = createTestSubscriber();
		const padded = { p256dh: `${subscriber.keys.p256dh}=`, auth: `${subscriber.keys.auth}==` };
		const body = await encryptPayload(new TextEncoder().encode('hi'), padded);
		expect(decryptPushBody(body, subscriber).toString()).toBe('hi');
	});

	it.each([
		['not base64url', { p256dh: 'BAD*KEY' }],
		['too short', { p256dh: 'BAAA' }],
		['compressed point', { p256dh: encodeBase64Url(new Uint8Array(33).fill(2)) }],
		['not on the curve', { p256dh: encodeBase64Url(Uint8Array.from([4, ...new Array<number>(64).fill(1)])) }],
		['auth of 12 bytes', { auth: encodeBase64Url(new Uint8Array(12)) }],
		['auth not base64url', { auth: '!!!!' }]
	])('fails with InvalidSubscriptionKeyError for a key %s', async (_, override) => {
		const keys = { ...createTestSubscriber().keys, ...override };
		await expect(encryptPayload(new Uint8Array(1), keys)).rejects.toBeInstanceOf(InvalidSubscriptionKeyError);
	});

	it('refuses a payload of 3994 bytes with PayloadTooLargeError', async () => {
		const error = await encryptPayload(
			new Uint8Array(MAX_PLAINTEXT_BYTES + 1),
			createTestSubscriber().keys
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PayloadTooLargeError);
		expect(error).toMatchObject({ bytes: 3994, limit: 3993 });
	});
});
