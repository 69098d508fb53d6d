import { canonicalJson } from './canonical-json';

/** `signature` on public alert JSON (API.md "Feeds, keys, widget"). */
export interface AlertSignature {
	kid: string;
	sig: string;
}

/** The members a signature does not cover: itself, and `distanceKm`, which depends on who asked. */
const UNSIGNED = new Set(['signature', 'distanceKm']);

/** The UTF-8 bytes an alert's signature covers: the RFC 8785 form of the object without unsigned members. */
export function signedBytes(alert: Record<string, unknown>): Uint8Array<ArrayBuffer> {
	const covered = Object.fromEntries(Object.entries(alert).filter(([key]) => !UNSIGNED.has(key)));
	return new TextEncoder().encode(canonicalJson(covered));
}

export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
	const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
	const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function bytesToBase64url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const ES256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** A public JWK as /.well-known/reunion-keys.json lists it. */
export interface PublicJwk {
	kty: 'EC';
	crv: 'P-256';
	x: string;
	y: string;
	kid: string;
	alg?: string;
	use?: string;
}

/**
 * Whether `alert` carries a valid signature by one of `keys`. False for a missing or unknown `kid`, a malformed
 * signature or one byte changed anywhere in the covered members.
 */
export async function verifyAlert(
	alert: Record<string, unknown>,
	keys: readonly PublicJwk[],
	subtle: SubtleCrypto = crypto.subtle
): Promise<boolean> {
	const signature = alert.signature as Partial<AlertSignature> | undefined;
	if (!signature || typeof signature.kid !== 'string' || typeof signature.sig !== 'string') return false;
	const jwk = keys.find((key) => key.kid === signature.kid);
	if (!jwk) return false;
	try {
		const { kty, crv, x, y } = jwk;
		const key = await subtle.importKey('jwk', { kty, crv, x, y }, ES256, false, ['verify']);
		return await subtle.verify(ES256, key, base64urlToBytes(signature.sig), signedBytes(alert));
	} catch {
		return false;
	}
}
