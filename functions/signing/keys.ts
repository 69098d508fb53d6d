import { ES256, type PublicJwk } from '../../src/lib/signing/alert-signature';

/** What signing reads from the Worker's environment. */
export interface SigningEnv {
	/** JSON array of private P-256 JWKs, each with a `kid`; the first signs, the others stay published. */
	SIGNING_KEYS?: string;
	REUNION_LOCAL?: string;
}

/** The deployment's signing keys: one that signs, and every key a reader may still meet. */
export interface KeySet {
	kid: string;
	privateKey: CryptoKey;
	published: PublicJwk[];
}

interface PrivateJwk extends PublicJwk {
	d: string;
}

function parseKeys(text: string): PrivateJwk[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new Error('SIGNING_KEYS is not JSON: it must be a JSON array of private P-256 JWKs with kid.');
	}
	const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown })?.keys;
	if (!Array.isArray(list) || list.length === 0) throw new Error('SIGNING_KEYS holds no key.');
	const kids = new Set<string>();
	return list.map((key: Partial<PrivateJwk>, index) => {
		const complete =
			key?.kty === 'EC' && key.crv === 'P-256' && key.x && key.y && key.d && typeof key.kid === 'string';
		if (!complete) throw new Error(`SIGNING_KEYS[${index}] is not a private P-256 JWK with a kid.`);
		if (kids.has(key.kid!)) throw new Error(`SIGNING_KEYS has the kid "${key.kid}" twice.`);
		kids.add(key.kid!);
		return key as PrivateJwk;
	});
}

/** Only the public half leaves the Worker. */
function publicHalf({ kty, crv, x, y, kid }: PrivateJwk): PublicJwk {
	return { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' };
}

// Parsing and importing once per isolate; a rotated secret arrives with a new isolate, so keying by the text is enough.
let cached: { text: string; keys: Promise<KeySet> } | undefined;

/**
 * The key set from `SIGNING_KEYS`. There is no built-in fallback, even in local mode: a key written in this
 * public repository would let anyone sign "verified police alerts". `npm start` and the tests provide one.
 */
export function signingKeys(env: SigningEnv): Promise<KeySet> {
	const text = env.SIGNING_KEYS;
	if (!text) {
		return Promise.reject(
			new Error('SIGNING_KEYS is not set: see README (Configuration) for how to create and put it.')
		);
	}
	if (cached?.text !== text) cached = { text, keys: importKeys(text) };
	return cached.keys;
}

async function importKeys(text: string): Promise<KeySet> {
	const keys = parseKeys(text);
	const { kty, crv, x, y, d, kid } = keys[0]!;
	const privateKey = await crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, ES256, false, ['sign']);
	return { kid, privateKey, published: keys.map(publicHalf) };
}

/** A fresh key for `SIGNING_KEYS` (local mode, tests, and the README's deploy step). */
export async function createSigningKey(kid: string): Promise<PrivateJwk> {
	const pair = await crypto.subtle.generateKey(ES256, true, ['sign', 'verify']);
	const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
	return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, d: jwk.d!, kid };
}
