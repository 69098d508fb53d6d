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

/** The components every feed signature covers (RFC 9421 §2): the body through its digest, and its type. */
const COVERED = ['content-digest', 'content-type'] as const;

/**
 * RFC 9421 §2.5 signature base: one line per covered component, then `@signature-params`; no final newline.
 * Exported so tests can rebuild it independently of the signer.
 */
export function signatureBase(headers: Record<(typeof COVERED)[number], string>, params: string): string {
	const lines = COVERED.map((name) => `"${name}": ${headers[name].trim()}`);
	return [...lines, `"@signature-params": ${params}`].join('\n');
}

/** Headers that sign a feed body: `Content-Digest`, `Signature-Input` and `Signature` (label `reunion`). */
export async function signBody(
	keys: KeySet,
	body: string,
	contentType: string,
	now: Date
): Promise<Record<string, string>> {
	const bytes = new TextEncoder().encode(body);
	const digest = await contentDigest(bytes);
	const created = Math.floor(now.getTime() / 1000);
	// `keyid` names the JWK in /.well-known/reunion-keys.json; `alg` per RFC 9421 §3.3.4.
	const params = `(${COVERED.map((name) => `"${name}"`).join(' ')});created=${created};keyid="${keys.kid}";alg="ecdsa-p256-sha256"`;
	const base = signatureBase({ 'content-digest': digest, 'content-type': contentType }, params);
	const signature = await signBytes(keys, new TextEncoder().encode(base));
	return {
		'Content-Type': contentType,
		'Content-Digest': digest,
		'Signature-Input': `reunion=${params}`,
		Signature: `reunion=:${base64(signature)}:`
	};
}
