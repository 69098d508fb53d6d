import { Hono } from 'hono';
import { answerNotFound } from '../api/http/error-handler';
import type { Env } from '../env';
import { rangeResponse } from './ranges';

/**
 * /basemap: the offline basemap built by scripts/build-basemap.mjs (static/basemap). The PMTiles archive is read
 * in byte ranges, which the static-asset server does not answer (it sends the whole file), so the Worker serves
 * it from the assets with ranges; the style and glyphs are passed through unchanged.
 */
export const basemap = new Hono<{ Bindings: Env }>();

/** One deployment's archive, kept for the isolate's life: assets are immutable within a deployment. */
const archives = new Map<string, Promise<{ bytes: Uint8Array<ArrayBuffer>; etag: string } | null>>();

function loadArchive(env: Env, url: URL) {
	let loading = archives.get(url.pathname);
	if (!loading) {
		loading = env.ASSETS.fetch(new Request(url)).then(async (response) => {
			if (!response.ok) return null;
			const bytes = new Uint8Array(await response.arrayBuffer());
			const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
			const etag = `"${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}"`;
			return { bytes, etag };
		});
		// A failure is not remembered: the next request tries again.
		loading
			.then((archive) => archive ?? archives.delete(url.pathname))
			.catch(() => archives.delete(url.pathname));
		archives.set(url.pathname, loading);
	}
	return loading;
}

basemap.get('/:file{[a-z0-9-]+\\.pmtiles}', async (c) => {
	const url = new URL(c.req.url);
	const archive = await loadArchive(c.env, new URL(url.pathname, url.origin));
	if (!archive) answerNotFound();
	return rangeResponse(
		c.req.raw,
		{
			size: archive.bytes.length,
			etag: archive.etag,
			read: async (start, end) => archive.bytes.slice(start, end + 1)
		},
		{
			'Content-Type': 'application/vnd.pmtiles',
			// Readers revalidate with the ETag; a day at the edge and in browsers, as with the rest of the basemap.
			'Cache-Control': 'public, max-age=86400',
			'Access-Control-Allow-Origin': '*',
			'Access-Control-Expose-Headers': 'ETag, Content-Range, Accept-Ranges'
		}
	);
});

// The style and glyph files: straight from the assets.
basemap.get('*', (c) => c.env.ASSETS.fetch(c.req.raw));
