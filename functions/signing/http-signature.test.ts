import { httpbis } from 'http-message-signatures';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigningKey, signingKeys } from './keys';
import { contentDigest, signBody, signedTarget } from './http-signature';

describe('RFC 9421 message signatures with RFC 9530 Content-Digest', () => {
	it('computes the RFC 9530 example digest', async () => {
		expect(await contentDigest(new TextEncoder().encode('{"hello": "world"}'))).toBe(
			'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'
		);
	});

	it('signs digest and type so that an independent RFC 9421 verifier accepts it', async () => {
		const jwk = await createSigningKey('k1');
		const keys = await signingKeys({ SIGNING_KEYS: JSON.stringify([jwk]) });
		const body = '<feed>团圆 &lt;b&gt;</feed>';
		const type = 'application/atom+xml; charset=utf-8';
		const headers = await signBody(
			keys,
			body,
			type,
			new Date('2026-11-28T06:00:00Z'),
			signedTarget('https://reunion.example/feeds/alerts.atom')
		);

		const digest = createHash('sha256').update(body, 'utf8').digest('base64');
		expect(headers['Content-Digest']).toBe(`sha-256=:${digest}:`);
		const input = headers['Signature-Input']!;
		const params = /^reunion=(.*)$/.exec(input)![1]!;
		expect(params).toBe(
			'("content-digest" "content-type" "@path";req);created=1795845600;keyid="k1";alg="ecdsa-p256-sha256"'
		);
		// The signature base rebuilt by hand from RFC 9421 §2.5, not by the module under test.
		const base = `"content-digest": sha-256=:${digest}:\n"content-type": ${type}\n"@path";req: /feeds/alerts.atom\n"@signature-params": ${params}`;
		const signature = Buffer.from(/^reunion=:(.*):$/.exec(headers.Signature!)![1]!, 'base64');
		expect(signature).toHaveLength(64);
		const { d: _private, ...publicJwk } = jwk;
		const key = createPublicKey({ key: publicJwk, format: 'jwk' });
		expect(verify('sha256', Buffer.from(base), { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
		const tampered = base.replace(digest, createHash('sha256').update(`${body} `).digest('base64'));
		expect(verify('sha256', Buffer.from(tampered), { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
			false
		);
	});

	it('binds the body to the URL asked, path and query, for the independent http-message-signatures verifier', async () => {
		const jwk = await createSigningKey('k1');
		const keys = await signingKeys({ SIGNING_KEYS: JSON.stringify([jwk]) });
		const { d: _private, ...publicJwk } = jwk;
		const key = createPublicKey({ key: publicJwk, format: 'jwk' });
		const keyLookup = async () => ({
			id: 'k1',
			algs: ['ecdsa-p256-sha256'],
			verify: async (data: Buffer, signature: Buffer) =>
				verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
		});
		const body = '<feed/>';
		const type = 'application/atom+xml; charset=utf-8';
		const asked = 'https://reunion.example/feeds/alerts.atom?geohash=wtw3s&lang=en';
		const headers = await signBody(keys, body, type, new Date(), signedTarget(asked));
		const response = { status: 200, headers: { ...headers, 'content-type': type } };
		const request = (url: string) => ({ method: 'GET', url, headers: {} });
		const verifies = (url: string) => httpbis.verifyMessage({ keyLookup }, response, request(url));
		expect(await verifies(asked)).toBe(true);
		expect(await verifies('https://reunion.example/feeds/alerts.atom?geohash=wx4g0&lang=en')).toBe(false);
		expect(await verifies('https://reunion.example/feeds/cap/c-1.xml?geohash=wtw3s&lang=en')).toBe(false);
	});
});
