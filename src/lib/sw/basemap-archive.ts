/// <reference lib="webworker" />
import { parseRange } from '../map/byte-range';

/**
 * The basemap's PMTiles archive offline. MapLibre reads it in byte ranges, and the Cache API stores no partial
 * answers (206), so the first map shown online fetches the whole archive once in the background (≈ 2 MB); from
 * then on every range is cut from that copy, with or without a network. Each later map start revalidates the copy
 * with its ETag, so a new deployment's archive replaces it.
 */
const CACHE = 'basemap-archive';

export const isBasemapArchive = (url: URL, origin: string) =>
	url.origin === origin && /^\/basemap\/[a-z0-9-]+\.pmtiles$/.test(url.pathname);

async function refresh(cache: Cache, url: string, held: Response | undefined): Promise<void> {
	const etag = held?.headers.get('ETag');
	const response = await fetch(url, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store' });
	if (response.status === 200) await cache.put(url, response);
}

function slice(whole: ArrayBuffer, held: Response, rangeHeader: string | null): Response {
	const headers = {
		'Content-Type': held.headers.get('Content-Type') ?? 'application/vnd.pmtiles',
		ETag: held.headers.get('ETag') ?? '',
		'Accept-Ranges': 'bytes'
	};
	const range = parseRange(rangeHeader, whole.byteLength);
	if (range === undefined) return new Response(whole, { status: 200, headers });
	if (range === 'unsatisfiable') {
		return new Response(null, {
			status: 416,
			headers: { ...headers, 'Content-Range': `bytes */${whole.byteLength}` }
		});
	}
	const [start, end] = range;
	return new Response(whole.slice(start, end + 1), {
		status: 206,
		headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${whole.byteLength}` }
	});
}

export async function answerBasemapArchive(event: FetchEvent): Promise<Response> {
	const url = new URL(event.request.url);
	url.search = '';
	const cache = await caches.open(CACHE);
	const held = await cache.match(url.href);
	const rangeHeader = event.request.headers.get('Range');
	// The reader's first request is the header and root directory (offset 0): once per map, a good time to refresh.
	if (!held || rangeHeader?.startsWith('bytes=0-')) {
		event.waitUntil(refresh(cache, url.href, held).catch(() => undefined));
	}
	if (held) return slice(await held.clone().arrayBuffer(), held, rangeHeader);
	return fetch(event.request);
}
