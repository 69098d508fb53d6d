// Local secrets for `wrangler dev` (.dev.vars, never committed): VAPID keys, the address-hashing key and the
// alert-signing key.
import { webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** @param {Uint8Array} bytes */
function base64url(bytes) {
	return Buffer.from(bytes).toString('base64url');
}

/** RFC 8292 application server keys: P-256, public as the 65-byte point, private as the 32-byte scalar. */
async function createVapidKeys() {
	const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
	const publicKey = base64url(new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey)));
	const { d } = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
	return { publicKey, privateKey: d };
}

/**
 * SIGNING_KEYS: a JSON list of private P-256 JWKs with `kid` (functions/signing/keys.ts), here with one new key.
 * @param {string} kid
 */
export async function createSigningKeys(kid) {
	const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
	const { kty, crv, x, y, d } = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
	return JSON.stringify([{ kty, crv, x, y, d, kid }]);
}

/** Creates the keys on first run and returns the variables; later runs keep them (subscriptions depend on them). */
export async function ensureDevVars(path = '.dev.vars') {
	const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
	if (!/^VAPID_PRIVATE_KEY=/m.test(existing)) {
		const keys = await createVapidKeys();
		const lines = [
			'# Local secrets for `wrangler dev`, created by `npm start`. Never commit this file.',
			`VAPID_PUBLIC_KEY=${keys.publicKey}`,
			`VAPID_PRIVATE_KEY=${keys.privateKey}`,
			`IP_HASH_SECRET=${base64url(webcrypto.getRandomValues(new Uint8Array(32)))}`
		];
		writeFileSync(path, `${existing}${lines.join('\n')}\n`, { mode: 0o600 });
		console.log(`✓ created VAPID keys in ${path}`);
	}
	// A separate check, so a .dev.vars from before alerts were signed gains the key too.
	if (!/^SIGNING_KEYS=/m.test(readFileSync(path, 'utf8'))) {
		writeFileSync(
			path,
			`SIGNING_KEYS=${await createSigningKeys(`local-${new Date().toISOString().slice(0, 10)}`)}\n`,
			{ flag: 'a', mode: 0o600 }
		);
		console.log(`✓ created an alert-signing key in ${path}`);
	}
	return Object.fromEntries(
		readFileSync(path, 'utf8')
			.split('\n')
			.filter((line) => /^[A-Z_]+=/.test(line))
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
	);
}
