import { Hono } from 'hono';
import { answerNotFound } from '../api/http/error-handler';
import type { Env } from '../env';
import { rangeResponse } from './ranges';

/**
 * /basemap: the offline basemap built by scripts/build-basemap.mjs (static/basemap). The PMTiles archive is read
 * in byte ranges, which the static-asset server does not answer (it sends the whole file), so the Worker serves
 * it with ranges: from R2 when it was imported there, else from the assets; the style and glyphs are passed
 * through unchanged.
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

const HEADERS = {
	'Content-Type': 'application/vnd.pmtiles',
	// Readers revalidate with the ETag; a day at the edge and in browsers, as with the rest of the basemap.
	'Cache-Control': 'public, max-age=86400',
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Expose-Headers': 'ETag, Content-Range, Accept-Ranges'
};

/**
 * When deployed, the archive may live in R2 (`npm run tiles:import static/basemap/reunion.pmtiles -- --remote`
 * puts it at tiles/reunion.pmtiles): then each range is a ranged R2 read and nothing is held in memory.
 */
async function fromR2(env: Env, request: Request, file: string): Promise<Response | null> {
	const key = `tiles/${file}`;
	const head = await env.TILES.head(key);
	if (!head) return null;
	const etag = head.httpEtag;
	return rangeResponse(
		request,
		{
			size: head.size,
			etag,
			read: async (start, end) => {
				const object = await env.TILES.get(key, { range: { offset: start, length: end - start + 1 } });
				if (!object) answerNotFound();
				return object.arrayBuffer();
			}
		},
		HEADERS
	);
}

basemap.get('/:file{[a-z0-9-]+\\.pmtiles}', async (c) => {
	const stored = await fromR2(c.env, c.req.raw, c.req.param('file'));
	if (stored) return stored;
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
		HEADERS
	);
});

// The style and glyph files: straight from the assets.
basemap.get('*', (c) => c.env.ASSETS.fetch(c.req.raw));
