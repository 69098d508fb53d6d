import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/lib/signing/canonical-json';
import { verifyAlert } from '../../src/lib/signing/alert-signature';
import { createSigningKey, signingKeys } from './keys';
import { signAlert } from './sign';

const ALERT = { id: 'c-1', childName: '王<script>', age: 7, lat: 31.2, distanceKm: 4.2, photoUrl: null };

async function keySet(...kids: string[]) {
	const keys = await Promise.all(kids.map((kid) => createSigningKey(kid)));
	return { keys, set: await signingKeys({ SIGNING_KEYS: JSON.stringify(keys) }) };
}

describe('alert signatures', () => {
	it('signs the RFC 8785 form without signature and distanceKm, checkable by node:crypto', async () => {
		const { keys, set } = await keySet('2026-11');
		const signed = await signAlert(set, ALERT);
		expect(signed.signature.kid).toBe('2026-11');
		const raw = Buffer.from(signed.signature.sig, 'base64url');
		expect(raw).toHaveLength(64);
		const { d: _private, ...publicJwk } = keys[0]!;
		const key = createPublicKey({ key: publicJwk, format: 'jwk' });
		const { distanceKm: _distance, ...covered } = ALERT;
		const data = Buffer.from(canonicalJson(covered), 'utf8');
		expect(verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
		expect(verify('sha256', Buffer.from(canonicalJson(ALERT)), { key, dsaEncoding: 'ieee-p1363' }, raw)).toBe(
			false
		);
	});

	it('verifies with the published keys, whatever distance the reader is at, and rejects one changed byte', async () => {
		const { set } = await keySet('new', 'old');
		const signed = await signAlert(set, ALERT);
		expect(await verifyAlert({ ...signed, distanceKm: 99 }, set.published)).toBe(true);
		expect(await verifyAlert({ ...signed, age: 8 }, set.published)).toBe(false);
		expect(await verifyAlert({ ...signed, childName: '王<scripT>' }, set.published)).toBe(false);
		expect(
			await verifyAlert({ ...signed, signature: { kid: 'old', sig: signed.signature.sig } }, set.published)
		).toBe(false);
		expect(await verifyAlert({ ...signed, signature: { kid: 'new', sig: 'AAAA' } }, set.published)).toBe(
			false
		);
		expect(await verifyAlert(ALERT, set.published)).toBe(false);
	});

	it('publishes every key but only the public half, and signs with the first', async () => {
		const { set } = await keySet('a', 'b');
		expect(set.kid).toBe('a');
		expect(set.published.map((key) => key.kid)).toEqual(['a', 'b']);
		expect(JSON.stringify(set.published)).not.toContain('"d"');
	});

	it('refuses a missing or malformed key set with a message saying what to fix', async () => {
		await expect(signingKeys({})).rejects.toThrow(/SIGNING_KEYS is not set/);
		await expect(signingKeys({ SIGNING_KEYS: 'nope' })).rejects.toThrow(/not JSON/);
		await expect(signingKeys({ SIGNING_KEYS: '[{"kty":"EC","kid":"x"}]' })).rejects.toThrow(
			/SIGNING_KEYS\[0\]/
		);
		const key = await createSigningKey('same');
		await expect(signingKeys({ SIGNING_KEYS: JSON.stringify([key, key]) })).rejects.toThrow(/twice/);
	});
});
