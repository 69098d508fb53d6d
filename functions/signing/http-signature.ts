import type { KeySet } from './keys';
import { signBytes } from './sign';

function base64(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** RFC 9530 §2: `sha-256=:<base64 of the digest>:`, a structured-field byte sequence. */
export async function contentDigest(body: Uint8Array<ArrayBuffer>): Promise<string> {
	return `sha-256=:${base64(new Uint8Array(await crypto.subtle.digest('SHA-256', body)))}:`;
}

/**
 * RFC 9421 §2.5 signature base: one line per covered component (its identifier as in `Signature-Input`, e.g.
 * `"@path";req`), then `@signature-params`; no final newline.
 */
export function signatureBase(components: readonly (readonly [string, string])[], params: string): string {
	const lines = components.map(([id, value]) => `${id}: ${value.trim()}`);
	return [...lines, `"@signature-params": ${params}`].join('\n');
}

/** The request a feed answers: its path and, when it has one, its query (with the `?`), as RFC 9421 §2.2 derives them. */
export interface SignedTarget {
	path: string;
	query: string;
}

/** The signed target of a request URL: `@query` only where the URL has a query (RFC 9421 §2.2.7). */
export function signedTarget(url: string): SignedTarget {
	const { pathname, search } = new URL(url);
	return { path: pathname, query: search };
}

/**
 * Headers that sign a feed body: `Content-Digest`, `Signature-Input` and `Signature` (label `reunion`). The
 * signature covers the body through its digest, its type, and the request's `@path` (and `@query` where there is
 * one) with RFC 9421 §2.4's `req` flag, so a signed body cannot be replayed under another URL.
 */
export async function signBody(
	keys: KeySet,
	body: string,
	contentType: string,
	now: Date,
	target: SignedTarget
): Promise<Record<string, string>> {
	const bytes = new TextEncoder().encode(body);
	const digest = await contentDigest(bytes);
	const created = Math.floor(now.getTime() / 1000);
	const components: [string, string][] = [
		['"content-digest"', digest],
		['"content-type"', contentType],
		['"@path";req', target.path],
		...(target.query ? [['"@query";req', target.query] as [string, string]] : [])
	];
	// `keyid` names the JWK in /.well-known/reunion-keys.json; `alg` per RFC 9421 §3.3.4.
	const params = `(${components.map(([id]) => id).join(' ')});created=${created};keyid="${keys.kid}";alg="ecdsa-p256-sha256"`;
	const base = signatureBase(components, params);
	const signature = await signBytes(keys, new TextEncoder().encode(base));
	return {
		'Content-Type': contentType,
		'Content-Digest': digest,
		'Signature-Input': `reunion=${params}`,
		Signature: `reunion=:${base64(signature)}:`
	};
}
