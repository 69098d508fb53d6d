// The MapLibre style of the offline basemap: one PMTiles archive read through the `pmtiles` protocol as two
// sources (outlines up to zoom 5 and labels from zoom 6 to 8, each overzoomed past its last level), Latin glyphs
// from /basemap/fonts and Chinese drawn by the browser (`localIdeographFontFamily`, set by the map loader).
// Paths are relative on purpose: the map loader resolves them against the page's origin.
import { LABEL_MAX_ZOOM, OUTLINE_MAX_ZOOM } from './tiles.mjs';

export const ARCHIVE_PATH = '/basemap/reunion.pmtiles';
export const COLOURS = {
	sea: '#cfe3ef',
	land: '#f4f1ea',
	border: '#9a8f80',
	coast: '#a9c4d6',
	text: '#3b3a36'
};

export const ATTRIBUTION =
	'<a href="https://www.naturalearthdata.com/">Natural Earth</a> · ' +
	'<a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)';

/** Text size by kind of place: capitals and provincial capitals largest, township seats smallest. */
const TEXT_SIZE = [
	'match',
	['get', 'kind'],
	['capital', 'province'],
	14,
	['prefecture', 'city'],
	13,
	'county',
	12,
	11
];

/**
 * A label layer. `metadata['reunion:label']` marks it for the loader, which picks the text field in the page's
 * language (`name` in Chinese, `name_en` in Latin letters); Chinese is the default written here.
 */
function labels(id, source, zooms) {
	return {
		id,
		type: 'symbol',
		source,
		'source-layer': 'places',
		...zooms,
		metadata: { 'reunion:label': true },
		layout: {
			'text-field': ['coalesce', ['get', 'name'], ['get', 'name_en']],
			'text-font': ['Noto Sans Regular'],
			'text-size': TEXT_SIZE,
			'text-max-width': 8,
			'text-padding': 3,
			'symbol-sort-key': ['get', 'rank']
		},
		paint: {
			'text-color': COLOURS.text,
			'text-halo-color': 'rgba(255,255,255,0.9)',
			'text-halo-width': 1.4
		}
	};
}

export function buildStyle() {
	const tiles = [`pmtiles://${ARCHIVE_PATH}/{z}/{x}/{y}`];
	return {
		version: 8,
		name: 'Reunion offline basemap (Natural Earth 1:10m, GeoNames)',
		glyphs: '/basemap/fonts/{fontstack}/{range}.pbf',
		sources: {
			outlines: { type: 'vector', tiles, minzoom: 0, maxzoom: OUTLINE_MAX_ZOOM, attribution: ATTRIBUTION },
			labels: { type: 'vector', tiles, minzoom: OUTLINE_MAX_ZOOM + 1, maxzoom: LABEL_MAX_ZOOM }
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': COLOURS.sea } },
			{
				id: 'land',
				type: 'fill',
				source: 'outlines',
				'source-layer': 'land',
				paint: { 'fill-color': COLOURS.land }
			},
			{
				id: 'coast',
				type: 'line',
				source: 'outlines',
				'source-layer': 'land',
				paint: {
					'line-color': COLOURS.coast,
					'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.5, 8, 1.2]
				}
			},
			{
				id: 'borders',
				type: 'line',
				source: 'outlines',
				'source-layer': 'borders',
				layout: { 'line-join': 'round' },
				paint: {
					'line-color': COLOURS.border,
					'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 8, 1.4]
				}
			},
			// The outline tiles carry the places of zooms 0–5, the label tiles those of 6–8: no tile is fetched twice.
			labels('places-low', 'outlines', { maxzoom: OUTLINE_MAX_ZOOM + 1 }),
			labels('places', 'labels', { minzoom: OUTLINE_MAX_ZOOM + 1 })
		]
	};
}
