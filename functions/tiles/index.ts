import { Hono, type Context } from 'hono';
import { TileType } from 'pmtiles';
import { ApiError } from '../api/http/errors';
import type { Env } from '../env';
import { matchesIfNoneMatch } from '../public-http/cache';
import { ArchiveMissing, ARCHIVE_NAME, forgetArchive, openArchive } from './r2-archive';
import { OSM_ATTRIBUTION, streetStyle } from './style';

/**
 * /tiles: street-map archives imported into R2 (`npm run tiles:import`), served as TileJSON, tiles and a MapLibre
 * style. Point `PUBLIC_MAP_STYLE` at `/tiles/NAME/style.json` to use one.
 *
 * - GET /tiles/:name.json — TileJSON 3.0.0 (tile URL template, zooms, bounds, vector layers, attribution)
 * - GET /tiles/:name/:z/:x/:y.mvt — one tile, as stored (decompressed); 204 for none inside the archive's zooms,
 *   404 outside them or for an unknown archive
 * - GET /tiles/:name/style.json?lang=zh-CN|en — @protomaps/basemaps' style over that TileJSON, our glyphs
 *
 * Answers carry an ETag (the archive's version) and are kept in the edge cache for a day: an import under the same
 * name is a new version, so the ETag changes and readers revalidate.
 */
export const tiles = new Hono<{ Bindings: Env }>();

const TILE_CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=86400';
const EXTENSIONS: Record<number, { ext: string; type: string }> = {
	[TileType.Mvt]: { ext: 'mvt', type: 'application/vnd.mapbox-vector-tile' },
	[TileType.Png]: { ext: 'png', type: 'image/png' },
	[TileType.Jpeg]: { ext: 'jpg', type: 'image/jpeg' },
	[TileType.Webp]: { ext: 'webp', type: 'image/webp' },
	[TileType.Avif]: { ext: 'avif', type: 'image/avif' }
};

const notFound = (what: string): never => {
	throw new ApiError(
		'not_found',
		`No ${what} here. Archives are imported with npm run tiles:import (README).`
	);
};

function archiveName(name: string | undefined): string {
	if (!name || !ARCHIVE_NAME.test(name)) notFound('tile archive');
	return name!;
}

/** The edge cache in front of every GET here: keyed by URL, kept as long as the answer's Cache-Control says. */
async function cached(c: Context<{ Bindings: Env }>, answer: () => Promise<Response>): Promise<Response> {
	const cache = typeof caches === 'undefined' ? undefined : await caches.open('reunion-tiles');
	const key = new Request(c.req.url, { method: 'GET' });
	let response = await cache?.match(key);
	if (response) {
		response = new Response(response.body, response);
		response.headers.set('X-Cache', 'hit');
	} else {
		response = await answer();
		response.headers.set('X-Cache', 'miss');
		// Only bodies: an empty tile's 204 is cheap to answer again (the directories are held in memory).
		if (cache && response.status === 200) {
			c.executionCtx.waitUntil(cache.put(key, response.clone()));
		}
	}
	const etag = response.headers.get('ETag');
	if (etag && matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) {
		return new Response(null, { status: 304, headers: response.headers });
	}
	return response;
}

async function readHeader(env: Env, name: string) {
	try {
		return await openArchive(env.TILES, name).getHeader();
	} catch (error) {
		if (error instanceof ArchiveMissing) {
			forgetArchive(name);
			notFound('tile archive');
		}
		throw error;
	}
}

const headersFor = (etag: string | undefined, type: string) => ({
	'Content-Type': type,
	'Cache-Control': TILE_CACHE_CONTROL,
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Expose-Headers': 'ETag',
	...(etag ? { ETag: etag } : {})
});

/** The tile's version: the archive's R2 ETag plus its address. */
const tileEtag = (archiveEtag: string | undefined, parts: string) =>
	archiveEtag ? `"${archiveEtag.replace(/"/g, '')}-${parts}"` : undefined;

tiles.get('/:file{[a-z0-9-]+\\.json}', (c) =>
	cached(c, async () => {
		const name = archiveName(c.req.param('file').replace(/\.json$/, ''));
		const header = await readHeader(c.env, name);
		const metadata = (await openArchive(c.env.TILES, name).getMetadata()) as Record<string, unknown>;
		const origin = new URL(c.req.url).origin;
		const ext = EXTENSIONS[header.tileType]?.ext ?? 'bin';
		const body = {
			tilejson: '3.0.0',
			name,
			tiles: [`${origin}/tiles/${name}/{z}/{x}/{y}.${ext}`],
			minzoom: header.minZoom,
			maxzoom: header.maxZoom,
			bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
			center: [header.centerLon, header.centerLat, header.centerZoom],
			vector_layers: metadata.vector_layers ?? [],
			attribution: typeof metadata.attribution === 'string' ? metadata.attribution : OSM_ATTRIBUTION
		};
		return new Response(JSON.stringify(body), {
			headers: headersFor(tileEtag(header.etag, 'tilejson'), 'application/json; charset=utf-8')
		});
	})
);

tiles.get('/:name/style.json', (c) =>
	cached(c, async () => {
		const name = archiveName(c.req.param('name'));
		await readHeader(c.env, name);
		const lang = c.req.query('lang') === 'en' ? 'en' : 'zh-CN';
		const style = streetStyle(new URL(c.req.url).origin, name, lang);
		return new Response(JSON.stringify(style), {
			headers: {
				...headersFor(undefined, 'application/json; charset=utf-8'),
				'Cache-Control': 'public, max-age=3600'
			}
		});
	})
);

tiles.get('/:name/:z/:x/:file', (c) =>
	cached(c, async () => {
		const name = archiveName(c.req.param('name'));
		const match = /^(\d+)\.([a-z]+)$/.exec(c.req.param('file'));
		const [z, x] = [Number(c.req.param('z')), Number(c.req.param('x'))];
		const y = Number(match?.[1]);
		const header = await readHeader(c.env, name);
		const kind = EXTENSIONS[header.tileType];
		const n = 2 ** z;
		const inside =
			match && kind && match[2] === kind.ext && Number.isInteger(z) && Number.isInteger(x) && x < n && y < n;
		if (!inside || z < header.minZoom || z > header.maxZoom) notFound('tile');
		const tile = await openArchive(c.env.TILES, name).getZxy(z, x, y);
		const headers = headersFor(tileEtag(header.etag, `${z}-${x}-${y}`), kind!.type);
		// Inside the archive's zooms, a missing tile is empty (open sea, say): 204 lets a map draw nothing there.
		if (!tile) return new Response(null, { status: 204, headers });
		return new Response(tile.data, { status: 200, headers });
	})
);
