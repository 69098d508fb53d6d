import { concatBytes, decodeBase64Url } from './base64url';

/** RFC 8188 record size we declare; one record carries the whole message. */
export const RECORD_SIZE = 4096;
/** RFC 8291 §4: 4096-byte records minus the 16-byte tag and the 1-byte delimiter (and 86 bytes of header). */
export const MAX_PLAINTEXT_BYTES = 3993;

const encoder = new TextEncoder();
const KEY_INFO = encoder.encode('WebPush: info\0');
const CEK_INFO = encoder.encode('Content-Encoding: aes128gcm\0');
const NONCE_INFO = encoder.encode('Content-Encoding: nonce\0');

/** The subscription's keys are unusable; only that subscription's message fails. */
export class InvalidSubscriptionKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidSubscriptionKeyError';
	}
}

export class PayloadTooLargeError extends Error {
	constructor(bytes: number) {
		super(`push payload of ${bytes} bytes exceeds ${MAX_PLAINTEXT_BYTES} (RFC 8291 §4)`);
		this.name = 'PayloadTooLargeError';
	}
}

async function hkdf(
	ikm: Uint8Array<ArrayBuffer>,
	salt: Uint8Array<ArrayBuffer>,
	info: Uint8Array<ArrayBuffer>,
	bytes: number
): Promise<Uint8Array<ArrayBuffer>> {
	const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
	return new Uint8Array(
		await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8)
	);
}

async function importSubscriberKey(p256dh: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	if (p256dh.length !== 65 || p256dh[0] !== 0x04)
		throw new InvalidSubscriptionKeyError('p256dh is not an uncompressed P-256 point');
	try {
		return await crypto.subtle.importKey('raw', p256dh, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
	} catch {
		throw new InvalidSubscriptionKeyError('p256dh is not a point on P-256');
	}
}

function decodeKeys(keys: { p256dh: string; auth: string }) {
	try {
		const p256dh = decodeBase64Url(keys.p256dh);
		const auth = decodeBase64Url(keys.auth);
		if (auth.length !== 16) throw new Error('auth');
		return { p256dh, auth };
	} catch {
		throw new InvalidSubscriptionKeyError('p256dh or auth is not valid base64url of the right length');
	}
}

/**
 * RFC 8291 message encryption (aes128gcm, RFC 8188), with a new ECDH key pair and salt for every message.
 * Returns the whole body: salt(16) | rs(4) | idlen(1) | keyid = the sender's public key(65) | ciphertext.
 */
export async function encryptPayload(
	payload: Uint8Array,
	keys: { p256dh: string; auth: string }
): Promise<Uint8Array<ArrayBuffer>> {
	if (payload.length > MAX_PLAINTEXT_BYTES) throw new PayloadTooLargeError(payload.length);
	const { p256dh, auth } = decodeKeys(keys);
	const subscriberKey = await importSubscriberKey(p256dh);
	const local = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
		'deriveBits'
	])) as CryptoKeyPair;
	const localPublic = new Uint8Array((await crypto.subtle.exportKey('raw', local.publicKey)) as ArrayBuffer);
	const shared = new Uint8Array(
		await crypto.subtle.deriveBits({ name: 'ECDH', public: subscriberKey }, local.privateKey, 256)
	);
	// §3.3: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" || 0x00 || ua_public || as_public, 32)
	const ikm = await hkdf(shared, auth, concatBytes(KEY_INFO, p256dh, localPublic), 32);
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const [cek, nonce] = await Promise.all([hkdf(ikm, salt, CEK_INFO, 16), hkdf(ikm, salt, NONCE_INFO, 12)]);
	const aesKey = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
	// RFC 8188 §2: the last (here the only) record ends with the delimiter 0x02 and no padding.
	const record = concatBytes(payload, new Uint8Array([2]));
	const ciphertext = new Uint8Array(
		await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, aesKey, record)
	);
	const header = new Uint8Array(21);
	header.set(salt, 0);
	new DataView(header.buffer).setUint32(16, RECORD_SIZE);
	header[20] = localPublic.length;
	return concatBytes(header, localPublic, ciphertext);
}
