import { Base64UrlError, decodeBase64Url, encodeBase64Url } from '../lib/base64url';

/** An application server's VAPID key pair as base64url text (what .dev.vars and Worker secrets hold). */
export interface VapidKeys {
	/** The 65-byte uncompressed P-256 point: also the browser's `applicationServerKey`. */
	publicKey: string;
	/** The 32-byte private scalar d. */
	privateKey: string;
}

/** {@link VapidKeys} ready to sign: the public key stays text because it goes verbatim into `k=`. */
export interface ImportedVapidKeys {
	publicKey: string;
	signingKey: CryptoKey;
}

/** Options of {@link VapidSigner}; the defaults suit production. */
export interface VapidSignerOptions {
	/** Milliseconds since the epoch; injectable so tests can move time. */
	clock?: () => number;
	/** JWT lifetime; RFC 8292 §2 allows at most 24 h. */
	lifetimeSeconds?: number;
	/** A cached JWT is replaced once it has less than this left, so no token expires in flight. */
	renewBeforeSeconds?: number;
}

/** The VAPID keys or subject are unusable: the sender must not start (every push would be refused). */
export class InvalidVapidKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidVapidKeyError';
	}
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
// RFC 8292 §2: `exp` at most 24 h ahead; 12 h leaves room for clock skew at the push service.
const DEFAULT_LIFETIME_SECONDS = 12 * 3600;
const DEFAULT_RENEW_BEFORE_SECONDS = 3600;
const MAX_LIFETIME_SECONDS = 24 * 3600;
const encoder = new TextEncoder();
// RFC 8292 §3.1/RFC 7515: the JOSE header never changes, so encode it once.
const JWT_HEADER = encodeBase64Url(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'ES256' })));

/** Creates a new VAPID key pair as base64url text (the start script writes it to .dev.vars). */
export async function generateVapidKeys(): Promise<VapidKeys> {
	const pair = (await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
	const publicKey = encodeBase64Url((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
	const { d } = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
	if (!d) throw new Error('WebCrypto exported a private JWK without d');
	return { publicKey, privateKey: d };
}

function decodeKey(text: string, name: string): Uint8Array<ArrayBuffer> {
	try {
		return decodeBase64Url(text);
	} catch (error) {
		if (error instanceof Base64UrlError) throw new InvalidVapidKeyError(`${name} is not base64url`);
		throw error;
	}
}

/**
 * Imports VAPID keys (via JWK, the only WebCrypto format that takes a bare scalar d) and checks by one
 * sign-and-verify that the two halves belong together: a mismatch would make every push service answer 403.
 * @throws {InvalidVapidKeyError}
 */
export async function importVapidKeys(keys: VapidKeys): Promise<ImportedVapidKeys> {
	const point = decodeKey(keys.publicKey, 'VAPID public key');
	const d = decodeKey(keys.privateKey, 'VAPID private key');
	if (point.length !== 65 || point[0] !== 0x04)
		throw new InvalidVapidKeyError(
			'VAPID public key must be a 65-byte uncompressed P-256 point (RFC 8292 §3.2)'
		);
	if (d.length !== 32) throw new InvalidVapidKeyError('VAPID private key must be the 32-byte scalar d');
	const x = encodeBase64Url(point.subarray(1, 33));
	const y = encodeBase64Url(point.subarray(33, 65));
	try {
		const jwk: JsonWebKey = { kty: 'EC', crv: 'P-256', x, y, ext: false };
		const signingKey = await crypto.subtle.importKey('jwk', { ...jwk, d: encodeBase64Url(d) }, ECDSA, false, [
			'sign'
		]);
		const verifyKey = await crypto.subtle.importKey('jwk', jwk, ECDSA, false, ['verify']);
		const probe = encoder.encode('reunion vapid key check');
		const signature = await crypto.subtle.sign(ES256, signingKey, probe);
		if (await crypto.subtle.verify(ES256, verifyKey, signature, probe))
			return { publicKey: keys.publicKey.replace(/=+$/, ''), signingKey };
	} catch {
		throw new InvalidVapidKeyError('VAPID keys are not a valid P-256 key pair');
	}
	throw new InvalidVapidKeyError('VAPID public and private keys do not belong together');
}

/**
 * RFC 8292 VAPID for one application server: signs ES256 JWTs and keeps one per push-service origin, reused
 * for every endpoint of that origin until it is within `renewBeforeSeconds` of `exp` (§2 allows reuse), which
 * saves an ECDSA signature per message. Concurrent callers share one pending signature.
 */
export class VapidSigner {
	readonly publicKey: string;
	private readonly signingKey: CryptoKey;
	private readonly subject: string;
	private readonly clock: () => number;
	private readonly lifetime: number;
	private readonly renewBefore: number;
	private readonly tokens = new Map<string, { token: Promise<string>; expires: number }>();

	/** @throws {InvalidVapidKeyError} for a subject that is not mailto: or https: (RFC 8292 §2.1). */
	constructor(keys: ImportedVapidKeys, subject: string, options: VapidSignerOptions = {}) {
		if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(subject))
			throw new InvalidVapidKeyError('VAPID subject must be a mailto: or https: URI (RFC 8292 §2.1)');
		const lifetime = options.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
		const renewBefore = options.renewBeforeSeconds ?? DEFAULT_RENEW_BEFORE_SECONDS;
		if (!(lifetime > 0 && lifetime <= MAX_LIFETIME_SECONDS && renewBefore >= 0 && renewBefore < lifetime))
			throw new InvalidVapidKeyError('VAPID JWT lifetime must be within 24 h (RFC 8292 §2)');
		this.publicKey = keys.publicKey;
		this.signingKey = keys.signingKey;
		this.subject = subject;
		this.clock = options.clock ?? Date.now;
		[this.lifetime, this.renewBefore] = [lifetime, renewBefore];
	}

	/** Imports the keys and builds a signer. @throws {InvalidVapidKeyError} */
	static async create(keys: VapidKeys, subject: string, options?: VapidSignerOptions): Promise<VapidSigner> {
		return new VapidSigner(await importVapidKeys(keys), subject, options);
	}

	/** The `Authorization` header value for a push endpoint: `vapid t=<JWT>, k=<public key>` (RFC 8292 §3). */
	async authorization(endpoint: string): Promise<string> {
		return `vapid t=${await this.token(new URL(endpoint).origin)}, k=${this.publicKey}`;
	}

	/** A JWT whose `aud` is `audience` (the push service's origin, RFC 8292 §2), cached until near expiry. */
	token(audience: string): Promise<string> {
		const now = Math.floor(this.clock() / 1000);
		const cached = this.tokens.get(audience);
		if (cached && cached.expires - this.renewBefore > now) return cached.token;
		const expires = now + this.lifetime;
		const token = this.sign({ aud: audience, exp: expires, sub: this.subject });
		this.tokens.set(audience, { token, expires });
		// A failed signature must not stay cached: the next call tries again.
		token.catch(() => this.tokens.get(audience)?.token === token && this.tokens.delete(audience));
		return token;
	}

	private async sign(claims: { aud: string; exp: number; sub: string }): Promise<string> {
		const unsigned = `${JWT_HEADER}.${encodeBase64Url(encoder.encode(JSON.stringify(claims)))}`;
		// WebCrypto's ECDSA signature is already r || s (64 bytes), the JOSE form ES256 requires (RFC 7518 §3.4).
		const signature = await crypto.subtle.sign(ES256, this.signingKey, encoder.encode(unsigned));
		return `${unsigned}.${encodeBase64Url(signature)}`;
	}
}
