import { decodeBase64Url, encodeBase64Url } from './base64url';

export interface VapidKeys {
	/** The 65-byte uncompressed P-256 point, base64url (what browsers get as applicationServerKey). */
	publicKey: string;
	/** The 32-byte private scalar d, base64url. */
	privateKey: string;
}

/** RFC 8292 §2: exp at most 24 h ahead; 12 h leaves slack for clock skew at the push service. */
const TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** Renew an hour before expiry so a token never expires in flight. */
const RENEW_BEFORE_SECONDS = 3600;

const encoder = new TextEncoder();

export async function generateVapidKeys(): Promise<VapidKeys> {
	const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
		'sign',
		'verify'
	])) as CryptoKeyPair;
	const publicKey = encodeBase64Url((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
	const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
	return { publicKey, privateKey: jwk.d! };
}

export async function importVapidPrivateKey(keys: VapidKeys): Promise<CryptoKey> {
	const point = decodeBase64Url(keys.publicKey);
	if (point.length !== 65 || point[0] !== 4)
		throw new Error('VAPID_PUBLIC_KEY must be an uncompressed P-256 point');
	const jwk: JsonWebKey = {
		kty: 'EC',
		crv: 'P-256',
		x: encodeBase64Url(point.subarray(1, 33)),
		y: encodeBase64Url(point.subarray(33, 65)),
		d: keys.privateKey,
		ext: false
	};
	return crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

/**
 * Signs VAPID JWTs (ES256) and keeps one per push-service origin: RFC 8292 allows reusing a token for every
 * endpoint of the same origin, which saves an ECDSA signature per message.
 */
export class VapidSigner {
	private readonly tokens = new Map<string, { token: string; expires: number }>();

	constructor(
		private readonly key: CryptoKey,
		readonly publicKey: string,
		private readonly subject: string,
		private readonly now: () => number = () => Math.floor(Date.now() / 1000)
	) {
		if (!/^(mailto:|https:)/.test(subject))
			throw new Error('VAPID subject must be a mailto: or https: URI (RFC 8292 §2.1)');
	}

	static async create(keys: VapidKeys, subject: string, now?: () => number): Promise<VapidSigner> {
		return new VapidSigner(await importVapidPrivateKey(keys), keys.publicKey, subject, now);
	}

	/** The Authorization header value for an endpoint (RFC 8292 §3). */
	async authorization(endpoint: string): Promise<string> {
		return `vapid t=${await this.token(new URL(endpoint).origin)}, k=${this.publicKey}`;
	}

	async token(audience: string): Promise<string> {
		const now = this.now();
		const cached = this.tokens.get(audience);
		if (cached && cached.expires - RENEW_BEFORE_SECONDS > now) return cached.token;
		const expires = now + TOKEN_LIFETIME_SECONDS;
		const header = encodeBase64Url(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'ES256' })));
		const claims = encodeBase64Url(
			encoder.encode(JSON.stringify({ aud: audience, exp: expires, sub: this.subject }))
		);
		const unsigned = `${header}.${claims}`;
		// WebCrypto's ECDSA signature is already JOSE's r || s (64 bytes), as ES256 requires.
		const signature = await crypto.subtle.sign(
			{ name: 'ECDSA', hash: 'SHA-256' },
			this.key,
			encoder.encode(unsigned)
		);
		const token = `${unsigned}.${encodeBase64Url(signature)}`;
		this.tokens.set(audience, { token, expires });
		return token;
	}
}
