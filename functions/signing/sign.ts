import {
	bytesToBase64url,
	ES256,
	signedBytes,
	type AlertSignature
} from '../../src/lib/signing/alert-signature';
import type { KeySet } from './keys';

/** ES256 over bytes: WebCrypto's ECDSA result is already the raw r‖s (64 bytes) that JWS and RFC 9421 use. */
export async function signBytes(keys: KeySet, bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
	return new Uint8Array(await crypto.subtle.sign(ES256, keys.privateKey, bytes));
}

/** `signature: { kid, sig }` for public alert JSON (API.md): over the RFC 8785 form without unsigned members. */
export async function signAlert<T extends Record<string, unknown>>(
	keys: KeySet,
	alert: T
): Promise<T & { signature: AlertSignature }> {
	const sig = bytesToBase64url(await signBytes(keys, signedBytes(alert)));
	return { ...alert, signature: { kid: keys.kid, sig } };
}
