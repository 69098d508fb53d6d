import { env } from 'cloudflare:test';
import vtpbf from 'vt-pbf';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePmtiles } from '../../scripts/basemap/pmtiles-writer.mjs';
import { call } from './helpers/requests';

// Issue 20 point 6: a street-map archive in R2 served as TileJSON, tiles and a style, with edge caching and ETags.
// The fixture is a small PMTiles archive (zooms 0–2, one real MVT tile and a few others), put where
// `npm run tiles:import` puts one.

const mvt = (name: string) =>
	vtpbf.fromGeojsonVt(
		{ places: { features: [{ type: 1, geometry: [[2048, 2048]], tags: { name } }] } },
		{ version: 2, extent: 4096 }
	);
const WUHAN_TILE = mvt('武汉');

beforeAll(async () => {
	const { bytes } = writePmtiles({
		tiles: [
			{ z: 0, x: 0, y: 0, data: gzipSync(mvt('world')) },
			{ z: 1, x: 1, y: 0, data: gzipSync(mvt('east')) },
			{ z: 2, x: 3, y: 1, data: gzipSync(WUHAN_TILE) }
		],
		metadata: {
			vector_layers: [{ id: 'places', fields: { name: 'String' } }],
			attribution: '© OpenStreetMap contributors'
		},
		bounds: [73, 18, 135, 54],
		center: [114.3, 30.6, 2]
	});
	await env.TILES.put('tiles/fixture.pmtiles', bytes);
});

const get = (path: string, headers: HeadersInit = {}) =>
	call(new Request(`https://reunion.test${path}`, { headers }));

describe('/tiles', () => {
	it('describes an imported archive as TileJSON', async () => {
		const response = await get('/tiles/fixture.json');
		expect(response.status).toBe(200);
		expect(response.headers.get('Cache-Control')).toMatch(/public, max-age=86400/);
		expect(response.headers.get('ETag')).toMatch(/^".+"$/);
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
		expect(await response.json()).toEqual({
			tilejson: '3.0.0',
			name: 'fixture',
			tiles: ['https://reunion.test/tiles/fixture/{z}/{x}/{y}.mvt'],
			minzoom: 0,
			maxzoom: 2,
			bounds: [73, 18, 135, 54],
			center: [114.3, 30.6, 2],
			vector_layers: [{ id: 'places', fields: { name: 'String' } }],
			attribution: '© OpenStreetMap contributors'
		});
	});

	it('serves a tile byte for byte as the archive holds it, then from the edge cache, and 304 for its ETag', async () => {
		const first = await get('/tiles/fixture/2/3/1.mvt');
		expect(first.status).toBe(200);
		expect(first.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
		expect(new Uint8Array(await first.arrayBuffer())).toEqual(new Uint8Array(WUHAN_TILE));
		const again = await get('/tiles/fixture/2/3/1.mvt');
		expect(again.headers.get('X-Cache')).toBe('hit');
		expect(new Uint8Array(await again.arrayBuffer())).toEqual(new Uint8Array(WUHAN_TILE));
		const etag = first.headers.get('ETag')!;
		expect(etag).not.toBe((await get('/tiles/fixture/1/1/0.mvt')).headers.get('ETag'));
		const notModified = await get('/tiles/fixture/2/3/1.mvt', { 'If-None-Match': etag });
		expect(notModified.status).toBe(304);
	});

	it('answers 204 for an empty tile inside the archive’s zooms and 404 outside them or for no archive', async () => {
		const empty = await get('/tiles/fixture/2/0/0.mvt');
		expect(empty.status).toBe(204);
		expect(empty.headers.get('Cache-Control')).toMatch(/public/);
		for (const path of [
			'/tiles/fixture/3/0/0.mvt',
			'/tiles/fixture/2/4/0.mvt',
			'/tiles/fixture/2/3/1.png',
			'/tiles/nothing/0/0/0.mvt',
			'/tiles/nothing.json',
			'/tiles/NOT_A_NAME.json'
		]) {
			const response = await get(path);
			expect(response.status, path).toBe(404);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
		}
	});

	it('gives a MapLibre style from @protomaps/basemaps over the archive, with our glyphs and no sprite', async () => {
		const response = await get('/tiles/fixture/style.json?lang=en');
		expect(response.status).toBe(200);
		const style = (await response.json()) as {
			glyphs: string;
			sprite?: string;
			sources: Record<string, { url: string; attribution: string }>;
			layers: { id: string; layout?: Record<string, unknown> }[];
		};
		expect(style.glyphs).toBe('https://reunion.test/basemap/fonts/{fontstack}/{range}.pbf');
		expect(style.sprite).toBeUndefined();
		expect(style.sources.protomaps!.url).toBe('https://reunion.test/tiles/fixture.json');
		expect(style.sources.protomaps!.attribution).toContain('OpenStreetMap');
		expect(style.layers.map((l) => l.id)).toContain('roads_highway');
		expect(style.layers.some((l) => l.layout && 'icon-image' in l.layout)).toBe(false);
	});
});

describe('/basemap/*.pmtiles from R2', () => {
	it('answers byte ranges of an archive imported as tiles/NAME.pmtiles, exactly as stored', async () => {
		const stored = new Uint8Array(await (await env.TILES.get('tiles/fixture.pmtiles'))!.arrayBuffer());
		const response = await get('/basemap/fixture.pmtiles', { Range: 'bytes=0-126' });
		expect(response.status).toBe(206);
		expect(response.headers.get('Content-Range')).toBe(`bytes 0-126/${stored.length}`);
		expect(response.headers.get('Accept-Ranges')).toBe('bytes');
		expect(response.headers.get('ETag')).toMatch(/^".+"$/);
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(stored.slice(0, 127));
		const tail = await get('/basemap/fixture.pmtiles', { Range: `bytes=${stored.length - 10}-` });
		expect(new Uint8Array(await tail.arrayBuffer())).toEqual(stored.slice(-10));
		expect((await get('/basemap/fixture.pmtiles', { Range: `bytes=${stored.length}-` })).status).toBe(416);
	});
});
