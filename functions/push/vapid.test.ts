import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { checkVapid } from '../../tests/support/push-peer';
import { generateVapidKeys, importVapidKeys, InvalidVapidKeyError, VapidSigner } from './vapid';

// Verifies an ES256 JWT with node:crypto (not WebCrypto, not our code) and returns its parts.
function verifyWithNode(token: string, publicKey: string) {
	const [head = '', body = '', signature = ''] = token.split('.');
	const point = Buffer.from(publicKey, 'base64url');
	const key = createPublicKey({
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: point.subarray(1, 33).toString('base64url'),
			y: point.subarray(33).toString('base64url')
		},
		format: 'jwk'
	});
	const valid = verify(
		'sha256',
		Buffer.from(`${head}.${body}`),
		{ key, dsaEncoding: 'ieee-p1363' },
		Buffer.from(signature, 'base64url')
	);
	const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString());
	return { valid, header: decode(head), claims: decode(body) as { aud: string; exp: number; sub: string } };
}

function parseAuthorization(header: string) {
	const match = /^vapid t=([^,]+), k=(.+)$/.exec(header);
	if (!match?.[1] || !match[2]) throw new Error(`not a vapid header: ${header}`);
	return { token: match[1], key: match[2] };
}

describe('VAPID (RFC 8292)', () => {
	it('generates a 65-byte uncompressed public point and a 32-byte private scalar', async () => {
		const keys = await generateVapidKeys();
		expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(65);
		expect(Buffer.from(keys.publicKey, 'base64url')[0]).toBe(4);
		expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
		expect(keys.publicKey).toMatch(/^[\w-]+$/);
	});

	it('signs an ES256 JWT that node:crypto verifies: aud = origin, exp = now + 12 h, sub as given', async () => {
		const keys = await generateVapidKeys();
		const now = Date.UTC(2026, 10, 25, 8, 0, 0);
		const signer = await VapidSigner.create(keys, 'mailto:ops@reunion.example', { clock: () => now });
		const header = await signer.authorization('https://fcm.googleapis.com/fcm/send/abc:def?x=1');
		const { token, key } = parseAuthorization(header);
		expect(key).toBe(keys.publicKey);
		const { valid, header: jose, claims } = verifyWithNode(token, keys.publicKey);
		expect(valid).toBe(true);
		expect(jose).toEqual({ typ: 'JWT', alg: 'ES256' });
		expect(claims).toEqual({
			aud: 'https://fcm.googleapis.com',
			exp: now / 1000 + 12 * 3600,
			sub: 'mailto:ops@reunion.example'
		});
		expect(await checkVapid(header, keys.publicKey, 'https://fcm.googleapis.com', now / 1000)).toEqual({
			ok: true
		});
	});

	it('reuses one JWT per origin and renews it once less than an hour is left', async () => {
		const keys = await generateVapidKeys();
		let now = 1_800_000_000_000;
		const signer = await VapidSigner.create(keys, 'https://reunion.example/contact', { clock: () => now });
		const first = await signer.token('https://fcm.googleapis.com');
		expect(await signer.authorization('https://fcm.googleapis.com/fcm/send/other')).toContain(first);
		expect(await signer.token('https://web.push.apple.com')).not.toBe(first);
		now += 11 * 3600 * 1000 - 1000;
		expect(await signer.token('https://fcm.googleapis.com')).toBe(first);
		now += 1000;
		const renewed = await signer.token('https://fcm.googleapis.com');
		expect(renewed).not.toBe(first);
		expect(verifyWithNode(renewed, keys.publicKey).claims.exp).toBe(now / 1000 + 12 * 3600);
	});

	it('signs once for concurrent callers of the same origin', async () => {
		const signer = await VapidSigner.create(await generateVapidKeys(), 'mailto:a@b.example');
		const sign = vi.spyOn(crypto.subtle, 'sign');
		const tokens = await Promise.all(Array.from({ length: 20 }, () => signer.token('https://push.example')));
		expect(new Set(tokens).size).toBe(1);
		expect(sign).toHaveBeenCalledTimes(1);
		sign.mockRestore();
	});

	it.each(['ops@reunion.example', 'http://reunion.example', 'mailto:', ''])(
		'refuses the subject %j',
		async (subject) => {
			await expect(VapidSigner.create(await generateVapidKeys(), subject)).rejects.toBeInstanceOf(
				InvalidVapidKeyError
			);
		}
	);

	it('refuses a lifetime over 24 h (RFC 8292 §2)', async () => {
		const keys = await importVapidKeys(await generateVapidKeys());
		expect(() => new VapidSigner(keys, 'mailto:a@b.example', { lifetimeSeconds: 25 * 3600 })).toThrow(
			InvalidVapidKeyError
		);
	});

	it('refuses keys that are malformed or do not belong together', async () => {
		const [a, b] = await Promise.all([generateVapidKeys(), generateVapidKeys()]);
		await expect(importVapidKeys({ publicKey: a.publicKey, privateKey: b.privateKey })).rejects.toThrow(
			/do not belong together|not a valid/
		);
		await expect(importVapidKeys({ publicKey: 'abc', privateKey: a.privateKey })).rejects.toBeInstanceOf(
			InvalidVapidKeyError
		);
		await expect(importVapidKeys({ publicKey: a.publicKey, privateKey: 'AAAA' })).rejects.toBeInstanceOf(
			InvalidVapidKeyError
		);
		expect((await importVapidKeys(a)).publicKey).toBe(a.publicKey);
	});
});
