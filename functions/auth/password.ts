import { toBase64Url } from '../lib/hash';

/**
 * PBKDF2-HMAC-SHA-256 with 100,000 iterations: production Workers refuse more (local workerd does not, so
 * tests pin the number). OWASP ASVS 4.0 §2.4.5 / the Password Storage Cheat Sheet recommend 600,000 for this
 * PRF; the gap is accepted because approvers and admins must use passkeys outside local mode, sign-in is
 * throttled, and hashes never leave D1. The format names its parameters so they can be raised later.
 */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const encoder = new TextEncoder();

async function derive(
	password: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey(
		'raw',
		encoder.encode(password.normalize('NFKC')),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		key,
		HASH_BITS
	);
	return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
	const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
	const hash = await derive(password, salt, PBKDF2_ITERATIONS);
	return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, iterationsText, saltText, hashText] = stored.split('$');
	if (scheme !== 'pbkdf2-sha256' || !iterationsText || !saltText || !hashText) return false;
	const iterations = Number(iterationsText);
	if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS) return false;
	const actual = await derive(password, fromBase64Url(saltText), iterations);
	return constantTimeEqual(actual, fromBase64Url(hashText));
}

const DECOY_SALT = new Uint8Array(SALT_BYTES);

/**
 * Spends the same work as a real check and fails: answering an unknown, disabled or passkey-only account without
 * it would be ~60 ms faster, and that difference tells a caller which usernames exist.
 */
export async function failPasswordCheck(password: string): Promise<false> {
	await derive(password, DECOY_SALT, PBKDF2_ITERATIONS);
	return false;
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let difference = 0;
	for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
	return difference === 0;
}
