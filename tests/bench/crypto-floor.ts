// The RFC 8291 floor for benchmark b: the WebCrypto work every aes128gcm Web Push message needs and nothing
// else (no validation, base64url, header assembly, Topic or JWT work: the JWT is cached, as ours is).
// Kept apart from the sender on purpose: it is what ours is measured against, so it must not share its code.

const encoder = new TextEncoder();
const KEY_INFO = encoder.encode('WebPush: info\0');
const CEK_INFO = encoder.encode('Content-Encoding: aes128gcm\0');
const NONCE_INFO = encoder.encode('Content-Encoding: nonce\0');
const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

async function hkdf(
	ikm: BufferSource,
	salt: BufferSource,
	info: BufferSource,
	bits: number,
	key?: CryptoKey
): Promise<ArrayBuffer> {
	const base = key ?? (await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']));
	return crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, base, bits);
}

/**
 * One message to one subscriber: a fresh P-256 key pair (RFC 8291 §2), its public half exported (it is the
 * keyid and part of the key info), the subscriber's key imported (every message goes to another device), ECDH,
 * the two HKDF steps (§3.3 IKM, then RFC 8188 §2.2–2.3 CEK and nonce) and one AES-128-GCM record.
 */
export async function rfc8291Floor(
	payload: Uint8Array<ArrayBuffer>,
	subscriber: { p256dh: Uint8Array<ArrayBuffer>; auth: Uint8Array<ArrayBuffer> }
): Promise<ArrayBuffer> {
	const local = (await crypto.subtle.generateKey(P256, false, ['deriveBits'])) as CryptoKeyPair;
	const asPublic = new Uint8Array((await crypto.subtle.exportKey('raw', local.publicKey)) as ArrayBuffer);
	const uaKey = await crypto.subtle.importKey('raw', subscriber.p256dh, P256, false, []);
	const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: uaKey }, local.privateKey, 256);
	const info = new Uint8Array(KEY_INFO.length + 130);
	info.set(KEY_INFO);
	info.set(subscriber.p256dh, KEY_INFO.length);
	info.set(asPublic, KEY_INFO.length + 65);
	const ikm = await hkdf(secret, subscriber.auth, info, 256);
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const prk = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
	const cekBytes = await hkdf(ikm, salt, CEK_INFO, 128, prk);
	const nonce = await hkdf(ikm, salt, NONCE_INFO, 96, prk);
	const cek = await crypto.subtle.importKey('raw', cekBytes, 'AES-GCM', false, ['encrypt']);
	const record = new Uint8Array(payload.length + 1);
	record.set(payload);
	record[payload.length] = 0x02;
	return crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, cek, record);
}
