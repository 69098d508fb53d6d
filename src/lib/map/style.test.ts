import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { absoluteStyle, localiseLabels } from './style';

const style = (): StyleSpecification => ({
	version: 8,
	glyphs: '/basemap/fonts/{fontstack}/{range}.pbf',
	sources: {
		outlines: { type: 'vector', tiles: ['pmtiles:///basemap/reunion.pmtiles/{z}/{x}/{y}'], maxzoom: 5 },
		remote: { type: 'vector', url: 'pmtiles://https://tiles.example/planet.pmtiles' },
		streets: { type: 'vector', url: '/tiles/china.json' },
		raster: { type: 'raster', tiles: ['https://t0.example/{z}/{x}/{y}.png'] }
	},
	layers: [
		{ id: 'land', type: 'fill', source: 'outlines', 'source-layer': 'land' },
		{
			id: 'places',
			type: 'symbol',
			source: 'outlines',
			'source-layer': 'places',
			metadata: { 'reunion:label': true },
			layout: { 'text-field': ['get', 'name'], 'text-size': 12 }
		},
		{ id: 'their-labels', type: 'symbol', source: 'streets', layout: { 'text-field': ['get', 'name:zh'] } }
	]
});

describe('absoluteStyle', () => {
	it('resolves relative addresses, inside pmtiles:// too, keeping {placeholders}, and leaves absolute ones alone', () => {
		const out = absoluteStyle(style(), 'https://reunion.example/basemap/style.json');
		expect(out.glyphs).toBe('https://reunion.example/basemap/fonts/{fontstack}/{range}.pbf');
		expect(out.sources.outlines).toMatchObject({
			tiles: ['pmtiles://https://reunion.example/basemap/reunion.pmtiles/{z}/{x}/{y}']
		});
		expect(out.sources.remote).toMatchObject({ url: 'pmtiles://https://tiles.example/planet.pmtiles' });
		expect(out.sources.streets).toMatchObject({ url: 'https://reunion.example/tiles/china.json' });
		expect(out.sources.raster).toMatchObject({ tiles: ['https://t0.example/{z}/{x}/{y}.png'] });
	});
});

describe('localiseLabels', () => {
	it('writes our labels in the page’s language and leaves other styles’ layers as they are', () => {
		const en = localiseLabels(style(), 'en');
		const zh = localiseLabels(style(), 'zh-CN');
		const field = (s: StyleSpecification, id: string) =>
			(s.layers.find((l) => l.id === id)?.layout as Record<string, unknown>)['text-field'];
		expect(field(en, 'places')).toEqual(['coalesce', ['get', 'name_en'], ['get', 'name']]);
		expect(field(zh, 'places')).toEqual(['coalesce', ['get', 'name'], ['get', 'name_en']]);
		expect((en.layers[1]!.layout as Record<string, unknown>)['text-size']).toBe(12);
		expect(field(en, 'their-labels')).toEqual(['get', 'name:zh']);
	});
});
