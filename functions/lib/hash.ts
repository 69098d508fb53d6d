const encoder = new TextEncoder();

/** base64url without padding: the one implementation lives with the push code (functions/push/base64url.ts). */
import { encodeBase64Url as toBase64Url } from './base64url';

export { toBase64Url };

export async function sha256Base64Url(text: string): Promise<string> {
	return toBase64Url(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** HMAC-SHA-256, so that what we store about a client address cannot be reversed by a dictionary of IPs. */
export async function keyedHash(secret: string, text: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		encoder.encode(secret),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	return toBase64Url(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
}

/** A random id of `bytes` bytes (≥ 16 gives ≥ 128 bits), base64url. */
export function randomId(bytes = 16): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * Compares two secrets (e.g. a push subscription's `auth`) in time that depends only on their lengths, so that
 * timing cannot reveal how much of a guess was right.
 */
export function sameSecret(a: string, b: string): boolean {
	const left = encoder.encode(a);
	const right = encoder.encode(b);
	let difference = left.length ^ right.length;
	for (let i = 0; i < Math.max(left.length, right.length); i++)
		difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
	return difference === 0;
}
