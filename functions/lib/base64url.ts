// Pure helpers shared by the Web Push sender; they run in workerd and in Node 22 (no Buffer, no node: imports).

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The text is not unpadded base64url (RFC 4648 §5), e.g. a corrupt subscription key. */
export class Base64UrlError extends Error {
	constructor(message = 'not base64url (RFC 4648 §5)') {
		super(message);
		this.name = 'Base64UrlError';
	}
}

/** RFC 4648 §5 base64url without padding, as Web Push keys (RFC 8291 §3.2) and JWTs (RFC 7515 §2) use it. */
export function encodeBase64Url(bytes: ArrayBuffer | Uint8Array): string {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	let binary = '';
	// Chunked so that spreading a large array never exceeds the engine's argument limit.
	for (let i = 0; i < view.length; i += 0x8000)
		binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes base64url, with or without `=` padding (browsers' `PushSubscription.toJSON()` omits it, some libraries
 * keep it). Throws {@link Base64UrlError} on any other character or an impossible length.
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const bare = text.replace(/=+$/, '');
	// A length of 4n + 1 characters cannot come from whole bytes (RFC 4648 §4).
	if (!BASE64URL.test(bare) || bare.length % 4 === 1) throw new Base64UrlError();
	const binary = atob(bare.replace(/-/g, '+').replace(/_/g, '/'));
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}

/** Concatenates byte arrays into one new array (backed by a plain ArrayBuffer, as WebCrypto wants). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
