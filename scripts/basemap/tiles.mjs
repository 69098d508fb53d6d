// Vector tiles (MVT) of the offline basemap. Land and borders are tiled for the whole world on zooms 0–5
// (`geojson-vt`; MapLibre overzooms them beyond, so zooming in never ends on an empty map: Natural Earth 1:10m holds
// no more detail than a zoom-5 tile shows); place points go on every zoom from their own first one up to 8, where
// the style's `labels` source stops and overzooms too.
import { gzipSync } from 'node:zlib';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';

export const OUTLINE_MAX_ZOOM = 5;
export const LABEL_MAX_ZOOM = 8;
const EXTENT = 4096;

/** Web Mercator tile coordinates (fractional) of a point at zoom z. */
function project(lon, lat, z) {
	const n = 2 ** z;
	const sin = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
	return [((lon + 180) / 360) * n, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n];
}

/** Points as geojson-vt-shaped tiles (type 1, tile-local coordinates), keyed `z/x/y`. */
function placeTiles(places) {
	const tiles = new Map();
	for (let z = 0; z <= LABEL_MAX_ZOOM; z++) {
		for (const p of places) {
			if (p.minzoom > z) continue;
			const [fx, fy] = project(p.lon, p.lat, z);
			const x = Math.min(2 ** z - 1, Math.floor(fx));
			const y = Math.min(2 ** z - 1, Math.floor(fy));
			const key = `${z}/${x}/${y}`;
			if (!tiles.has(key)) tiles.set(key, []);
			tiles.get(key).push({
				type: 1,
				geometry: [[Math.round((fx - x) * EXTENT), Math.round((fy - y) * EXTENT)]],
				tags: p.properties
			});
		}
	}
	// Higher ranks first inside a tile, so a renderer without symbol-sort-key still places the important ones first.
	for (const features of tiles.values()) features.sort((a, b) => a.tags.rank - b.tags.rank);
	return tiles;
}

/** `{ tiles: [{ z, x, y, data }], counts }`, data gzipped MVT with layers `land`, `borders`, `places`. */
export function buildTiles({ land, borders, places }) {
	const options = {
		maxZoom: OUTLINE_MAX_ZOOM,
		indexMaxZoom: OUTLINE_MAX_ZOOM,
		extent: EXTENT,
		buffer: 64,
		tolerance: 1.5
	};
	const landIndex = new GeoJSONVT(land, options);
	const borderIndex = new GeoJSONVT(borders, options);
	const points = placeTiles(places);
	const tiles = [];
	const counts = { tiles: 0, labels: {} };
	for (let z = 0; z <= LABEL_MAX_ZOOM; z++) {
		const n = 2 ** z;
		const keys =
			z <= OUTLINE_MAX_ZOOM
				? Array.from({ length: n * n }, (_, i) => [i % n, Math.floor(i / n)])
				: [...points.keys()]
						.filter((k) => k.startsWith(`${z}/`))
						.map((k) => k.split('/').slice(1).map(Number));
		let labels = 0;
		for (const [x, y] of keys) {
			const layers = {};
			if (z <= OUTLINE_MAX_ZOOM) {
				const l = landIndex.getTile(z, x, y);
				const b = borderIndex.getTile(z, x, y);
				if (l?.features.length) layers.land = l;
				if (b?.features.length) layers.borders = b;
			}
			const p = points.get(`${z}/${x}/${y}`);
			if (p) {
				layers.places = { features: p };
				labels += p.length;
			}
			if (!Object.keys(layers).length) continue;
			const data = gzipSync(vtpbf.fromGeojsonVt(layers, { version: 2, extent: EXTENT }), { level: 9 });
			tiles.push({ z, x, y, data });
		}
		counts.labels[z] = labels;
	}
	counts.tiles = tiles.length;
	return { tiles, counts };
}
