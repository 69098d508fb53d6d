import { layers, namedFlavor } from '@protomaps/basemaps';
import type { Lang } from '../../src/lib/schemas/common';

export const OSM_ATTRIBUTION =
	'<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a> · ' +
	'<a href="https://protomaps.com">Protomaps</a>';

/**
 * The street map's MapLibre style: @protomaps/basemaps' light flavour over an archive this Worker serves, labels
 * in the page's language, and the glyphs the offline basemap already ships (/basemap/fonts: Noto Sans, the stacks
 * this style names). No sprite: its few icons are left out rather than fetched from elsewhere.
 */
export function streetStyle(origin: string, name: string, lang: Lang) {
	return {
		version: 8,
		name: `Reunion streets (${name})`,
		glyphs: `${origin}/basemap/fonts/{fontstack}/{range}.pbf`,
		sources: {
			protomaps: { type: 'vector', url: `${origin}/tiles/${name}.json`, attribution: OSM_ATTRIBUTION }
		},
		layers: layers(
			'protomaps',
			{ ...namedFlavor('light'), pois: undefined },
			{
				lang: lang === 'en' ? 'en' : 'zh-Hans'
			}
		).map(withoutIcons)
	};
}

/** Without a sprite, an `icon-image` only makes MapLibre warn about each missing image: the text stays. */
function withoutIcons<T extends { layout?: object }>(layer: T): T {
	if (!layer.layout || !('icon-image' in layer.layout)) return layer;
	const layout: Record<string, unknown> = { ...layer.layout };
	for (const key of Object.keys(layout)) if (key.startsWith('icon-')) delete layout[key];
	return { ...layer, layout };
}
