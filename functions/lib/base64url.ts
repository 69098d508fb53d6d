// Pure helpers shared by the Web Push sender; they run in workerd and in Node 22 (no Buffer, no node: imports).

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

/** 6-bit value of each base64url character by char code; -1 for every other character. */
const DECODE = (() => {
	const table = new Int8Array(128).fill(-1);
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
	return table;
})();

/**
 * Decodes base64url, with or without `=` padding (browsers' `PushSubscription.toJSON()` omits it, some libraries
 * keep it). Throws {@link Base64UrlError} on any other character or an impossible length.
 * One pass over a lookup table: the sender decodes two keys per message, and regex + atob cost more than that.
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--; // trailing '='
	// A length of 4n + 1 characters cannot come from whole bytes (RFC 4648 §4).
	if (end % 4 === 1) throw new Base64UrlError();
	const out = new Uint8Array((end * 3) >> 2);
	let buffer = 0;
	let bits = 0;
	let at = 0;
	for (let i = 0; i < end; i++) {
		const code = text.charCodeAt(i);
		const value = code < 128 ? DECODE[code]! : -1;
		if (value < 0) throw new Base64UrlError();
		buffer = ((buffer << 6) | value) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[at++] = (buffer >> bits) & 0xff;
		}
	}
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
