import type {
	ExpressionSpecification,
	LayerSpecification,
	StyleSpecification,
	SymbolLayerSpecification
} from 'maplibre-gl';
import type { Lang } from '$lib/schemas/common';

// What the map loader does to a style before MapLibre sees it: pure functions, tested in style.test.ts.

/** The text of a place label: the Chinese name on Chinese pages, the name in Latin letters on English ones. */
export function labelField(lang: Lang): ExpressionSpecification {
	return lang === 'en'
		? ['coalesce', ['get', 'name_en'], ['get', 'name']]
		: ['coalesce', ['get', 'name'], ['get', 'name_en']];
}

/** Label layers are those our style marks with `metadata['reunion:label']`; other styles are left as they are. */
export function isLabelLayer(layer: LayerSpecification): layer is SymbolLayerSpecification {
	const metadata = layer.metadata as Record<string, unknown> | undefined;
	return layer.type === 'symbol' && metadata?.['reunion:label'] === true;
}

export function localiseLabels(style: StyleSpecification, lang: Lang): StyleSpecification {
	return {
		...style,
		layers: style.layers.map((layer) =>
			isLabelLayer(layer) ? { ...layer, layout: { ...layer.layout, 'text-field': labelField(lang) } } : layer
		)
	};
}

/**
 * MapLibre fetches sources from its worker, where a relative URL has no page to resolve against; glyph and tile
 * templates keep their `{placeholders}`, which `URL` would otherwise percent-encode.
 */
export function absoluteStyle(style: StyleSpecification, base: string): StyleSpecification {
	const resolve = (url: string): string => {
		// pmtiles://ARCHIVE/{z}/{x}/{y}: the archive's own address may be relative too.
		if (url.startsWith('pmtiles://')) return `pmtiles://${resolve(url.slice('pmtiles://'.length))}`;
		return /^[a-z][a-z\d+.-]*:/i.test(url)
			? url
			: new URL(url, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
	};
	const sources = Object.fromEntries(
		Object.entries(style.sources).map(([id, source]) => {
			const copy = { ...source };
			if ('url' in copy && typeof copy.url === 'string') copy.url = resolve(copy.url);
			if ('tiles' in copy && Array.isArray(copy.tiles)) copy.tiles = copy.tiles.map(resolve);
			if (copy.type === 'geojson' && typeof copy.data === 'string') copy.data = resolve(copy.data);
			return [id, copy];
		})
	) as StyleSpecification['sources'];
	const sprite = style.sprite;
	return {
		...style,
		sources,
		...(style.glyphs ? { glyphs: resolve(style.glyphs) } : {}),
		...(sprite
			? {
					sprite:
						typeof sprite === 'string' ? resolve(sprite) : sprite.map((s) => ({ ...s, url: resolve(s.url) }))
				}
			: {})
	};
}
