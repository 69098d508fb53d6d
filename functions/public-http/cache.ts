import type { Context } from 'hono';

/**
 * Public GETs are read by widgets on many sites: cached briefly (API.md: a change shows within 60 s), revalidated
 * with a strong ETag, and readable cross-origin. `stale-while-revalidate` lets a cache answer at once while it
 * fetches the new copy.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=30';

/** A strong ETag from the body's SHA-256 (the same digest Content-Digest carries). */
export async function etagOf(body: Uint8Array<ArrayBuffer>): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
	let hex = '';
	for (const byte of digest.slice(0, 16)) hex += byte.toString(16).padStart(2, '0');
	return `"${hex}"`;
}

/** RFC 9110 §13.1.2: If-None-Match is a list of ETags (or `*`); weak comparison is what GET uses. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * A public GET answer: 304 when the client holds this version, else the body with its validators. `sameAs` is
 * for bodies that differ on every request only by their ECDSA signatures (a fresh random nonce each time): the
 * ETag is then weak and computed from the unsigned content, which RFC 9110 §8.8.1 allows for semantically
 * equivalent representations.
 */
export async function publicResponse(
	c: Context,
	body: string,
	headers: Record<string, string>,
	sameAs?: string,
	cacheControl: string = PUBLIC_CACHE_CONTROL
): Promise<Response> {
	const strong = await etagOf(new TextEncoder().encode(sameAs ?? body));
	const etag = sameAs === undefined ? strong : `W/${strong}`;
	const common = {
		ETag: etag,
		'Cache-Control': cacheControl,
		'Access-Control-Allow-Origin': '*',
		// Exposed so a cross-origin reader can verify a feed's signature in the browser.
		'Access-Control-Expose-Headers': 'ETag, Content-Digest, Signature, Signature-Input',
		'X-Content-Type-Options': 'nosniff'
	};
	if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) {
		return new Response(null, { status: 304, headers: common });
	}
	return new Response(body, { status: 200, headers: { ...headers, ...common } });
}

/** A public JSON answer with its ETag, cached as README's table says for its path. */
export function publicJson(c: Context, body: unknown, cacheControl: string): Promise<Response> {
	return publicResponse(
		c,
		JSON.stringify(body),
		{ 'Content-Type': 'application/json; charset=utf-8' },
		undefined,
		cacheControl
	);
}

/** JSON whose items carry signatures: a public answer validated by its unsigned content. */
export function signedJson(c: Context, body: unknown, unsigned: unknown): Promise<Response> {
	return publicResponse(
		c,
		JSON.stringify(body),
		{ 'Content-Type': 'application/json; charset=utf-8' },
		JSON.stringify(unsigned)
	);
}
