import { Base64UrlError, concatBytes, decodeBase64Url } from '../lib/base64url';

/** The record size we declare (RFC 8188 §2.1); one record carries the whole message. */
export const RECORD_SIZE = 4096;
/** salt(16) | rs(4) | idlen(1) | keyid = the sender's public key (65): RFC 8291 §4. */
export const HEADER_BYTES = 86;
/**
 * RFC 8291 §4: push services must accept 4096-byte bodies (RFC 8030 §7.2), so 4096 minus the 86-byte header,
 * the 16-byte AEAD tag and the 1-byte padding delimiter leaves 3993 bytes of plaintext.
 */
export const MAX_PLAINTEXT_BYTES = 3993;

const encoder = new TextEncoder();
const KEY_INFO = encoder.encode('WebPush: info\0');
const CEK_INFO = encoder.encode('Content-Encoding: aes128gcm\0');
const NONCE_INFO = encoder.encode('Content-Encoding: nonce\0');
const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** The subscription's `p256dh` or `auth` is unusable: only that subscription's message fails. */
export class InvalidSubscriptionKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidSubscriptionKeyError';
	}
}

/** The plaintext does not fit one 4096-byte body (RFC 8291 §4); a push service would answer 413. */
export class PayloadTooLargeError extends Error {
	constructor(
		readonly bytes: number,
		readonly limit = MAX_PLAINTEXT_BYTES
	) {
		super(`push payload of ${bytes} bytes exceeds ${limit} (RFC 8291 §4)`);
		this.name = 'PayloadTooLargeError';
	}
}

/** Overrides for reproducing RFC 8291 Appendix A in tests. Never set them in production: reuse breaks §4. */
export interface EncryptOptions {
	/** A fixed 16-byte salt instead of a random one. */
	salt?: Uint8Array<ArrayBuffer>;
	/** A fixed ECDH P-256 key pair (the application server's) instead of a new one. */
	senderKeys?: CryptoKeyPair;
}

function decodeKeys(keys: { p256dh: string; auth: string }) {
	let p256dh: Uint8Array<ArrayBuffer>;
	let auth: Uint8Array<ArrayBuffer>;
	try {
		[p256dh, auth] = [decodeBase64Url(keys.p256dh), decodeBase64Url(keys.auth)];
	} catch (error) {
		if (error instanceof Base64UrlError)
			throw new InvalidSubscriptionKeyError('p256dh or auth is not base64url');
		throw error;
	}
	// RFC 8291 §3.1/§3.2: an uncompressed P-256 point (65 bytes, 0x04 prefix) and a 16-byte auth secret.
	if (p256dh.length !== 65 || p256dh[0] !== 0x04)
		throw new InvalidSubscriptionKeyError('p256dh is not an uncompressed P-256 point');
	if (auth.length !== 16) throw new InvalidSubscriptionKeyError('auth is not 16 bytes');
	return { p256dh, auth };
}

async function importSubscriberKey(p256dh: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	try {
		return await crypto.subtle.importKey('raw', p256dh, P256, false, []);
	} catch {
		// WebCrypto validates the point (SEC 1 §3.2.2), so an off-curve key fails here, not at the push service.
		throw new InvalidSubscriptionKeyError('p256dh is not a point on P-256');
	}
}

async function hkdfKey(ikm: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
}

async function hkdfExpand(
	key: CryptoKey,
	salt: Uint8Array<ArrayBuffer>,
	info: Uint8Array<ArrayBuffer>,
	bytes: number
): Promise<Uint8Array<ArrayBuffer>> {
	const params = { name: 'HKDF', hash: 'SHA-256', salt, info };
	return new Uint8Array(await crypto.subtle.deriveBits(params, key, bytes * 8));
}

// RFC 8291 §3.3–§3.4 then RFC 8188 §2.2–§2.3: from the ECDH secret to the content key and nonce.
async function deriveContentKeys(
	ecdhSecret: Uint8Array<ArrayBuffer>,
	keys: { auth: Uint8Array<ArrayBuffer>; uaPublic: Uint8Array<ArrayBuffer>; asPublic: Uint8Array },
	salt: Uint8Array<ArrayBuffer>
): Promise<{ cek: CryptoKey; nonce: Uint8Array<ArrayBuffer> }> {
	// IKM = HKDF(salt = auth_secret, ikm = ecdh_secret, info = "WebPush: info" 0x00 ua_public as_public, L = 32)
	const info = concatBytes(KEY_INFO, keys.uaPublic, keys.asPublic);
	const ikm = await hkdfExpand(await hkdfKey(ecdhSecret), keys.auth, info, 32);
	// One imported IKM serves both derivations: a WebCrypto call saved per message.
	const prk = await hkdfKey(ikm);
	const [cekBytes, nonce] = await Promise.all([
		hkdfExpand(prk, salt, CEK_INFO, 16),
		hkdfExpand(prk, salt, NONCE_INFO, 12)
	]);
	const cek = await crypto.subtle.importKey('raw', cekBytes, 'AES-GCM', false, ['encrypt']);
	return { cek, nonce };
}

async function senderKeyPair(options: EncryptOptions): Promise<CryptoKeyPair> {
	if (options.senderKeys) return options.senderKeys;
	// RFC 8291 §2: a new key pair for every message, so no two messages share a content key.
	return (await crypto.subtle.generateKey(P256, false, ['deriveBits'])) as CryptoKeyPair;
}

function header(salt: Uint8Array, asPublic: Uint8Array): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(HEADER_BYTES);
	out.set(salt, 0);
	new DataView(out.buffer).setUint32(16, RECORD_SIZE);
	out[20] = asPublic.length;
	out.set(asPublic, 21);
	return out;
}

/**
 * RFC 8291 message encryption with the aes128gcm content coding (RFC 8188): a new ECDH P-256 key pair and a new
 * random 16-byte salt per message, one record, padding delimiter 0x02 and no padding. Returns the whole body:
 * salt(16) | rs(4) = 4096 | idlen(1) = 65 | keyid = the sender's public key(65) | ciphertext.
 * @throws {PayloadTooLargeError} above {@link MAX_PLAINTEXT_BYTES}.
 * @throws {InvalidSubscriptionKeyError} when `p256dh` or `auth` is malformed.
 */
export async function encryptPayload(
	payload: Uint8Array,
	subscription: { p256dh: string; auth: string },
	options: EncryptOptions = {}
): Promise<Uint8Array<ArrayBuffer>> {
	if (payload.length > MAX_PLAINTEXT_BYTES) throw new PayloadTooLargeError(payload.length);
	const { p256dh, auth } = decodeKeys(subscription);
	const [subscriberKey, local] = await Promise.all([importSubscriberKey(p256dh), senderKeyPair(options)]);
	const [asPublicBuffer, secretBuffer] = await Promise.all([
		crypto.subtle.exportKey('raw', local.publicKey) as Promise<ArrayBuffer>,
		crypto.subtle.deriveBits({ name: 'ECDH', public: subscriberKey }, local.privateKey, 256)
	]);
	const asPublic = new Uint8Array(asPublicBuffer);
	const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(16));
	const { cek, nonce } = await deriveContentKeys(
		new Uint8Array(secretBuffer),
		{ auth, uaPublic: p256dh, asPublic },
		salt
	);
	// RFC 8188 §2: the last (here the only) record is the plaintext, then the delimiter 0x02, then no padding.
	const record = new Uint8Array(payload.length + 1);
	record.set(payload);
	record[payload.length] = 0x02;
	const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, cek, record);
	return concatBytes(header(salt, asPublic), new Uint8Array(ciphertext));
}
