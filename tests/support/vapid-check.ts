import { webcrypto } from 'node:crypto';

export interface VapidVerdict {
	ok: boolean;
	reason?: string;
}

/**
 * RFC 8292 as a push service applies it: `vapid t=<ES256 JWT>, k=<key>`; the key must be the server's, the JWT
 * must verify with it, `aud` must be this origin, `exp` within 24 h, `sub` a mailto: or https: URI.
 */
export async function checkVapid(
	header: string | undefined,
	expectedKey: string,
	origin: string,
	nowSeconds: number
): Promise<VapidVerdict> {
	const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
	if (!match) return { ok: false, reason: 'no vapid Authorization header' };
	const [, token, key] = match as unknown as [string, string, string];
	if (key !== expectedKey) return { ok: false, reason: 'k is not the application server key' };
	const [head, body, signature] = token.split('.') as [string, string, string];
	const publicKey = await webcrypto.subtle.importKey(
		'raw',
		Buffer.from(key, 'base64url'),
		{ name: 'ECDSA', namedCurve: 'P-256' },
		false,
		['verify']
	);
	const valid = await webcrypto.subtle.verify(
		{ name: 'ECDSA', hash: 'SHA-256' },
		publicKey,
		Buffer.from(signature, 'base64url'),
		Buffer.from(`${head}.${body}`)
	);
	if (!valid) return { ok: false, reason: 'JWT signature does not verify' };
	const header_ = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
	if (header_.alg !== 'ES256') return { ok: false, reason: 'alg is not ES256' };
	const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as {
		aud?: string;
		exp?: number;
		sub?: string;
	};
	if (claims.aud !== origin) return { ok: false, reason: `aud ${claims.aud} is not ${origin}` };
	if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds || claims.exp > nowSeconds + 24 * 3600)
		return { ok: false, reason: 'exp is not within 24 h' };
	if (!/^(mailto:|https:)/.test(claims.sub ?? ''))
		return { ok: false, reason: 'sub is not mailto: or https:' };
	return { ok: true };
}
