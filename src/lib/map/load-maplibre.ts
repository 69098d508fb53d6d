import { env } from '$env/dynamic/public';
import type { StyleSpecification } from 'maplibre-gl';
// A `?url` import is only a string: the ~500 KB worker is fetched by MapLibre when a map is created.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

export type MapLibre = typeof import('maplibre-gl');

/** Offline style written by scripts/build-basemap.mjs (Natural Earth outlines, no text). */
export const OFFLINE_STYLE_URL = '/basemap/style.json';

let loading: Promise<MapLibre> | undefined;

/**
 * Loads MapLibre and its stylesheet on first use, so pages that never show a map never download it.
 * MapLibre 6 has no default export and cannot find its worker once bundled: hence the namespace and setWorkerUrl.
 */
export function loadMapLibre(): Promise<MapLibre> {
	loading ??= Promise.all([import('maplibre-gl'), import('maplibre-gl/dist/maplibre-gl.css')]).then(
		([maplibre]) => {
			maplibre.setWorkerUrl(workerUrl);
			return maplibre;
		},
		(error: unknown) => {
			// Let a later map try again (e.g. after the network came back) instead of caching the failure.
			loading = undefined;
			throw error;
		}
	);
	return loading;
}

/** `PUBLIC_MAP_STYLE` (a vector-tile style when deployed) or the offline basemap. */
export function mapStyleUrl(): string {
	return env.PUBLIC_MAP_STYLE || OFFLINE_STYLE_URL;
}

/** Fetches the style and makes every URL in it absolute, resolved against the style's own address. */
export async function loadMapStyle(url = mapStyleUrl()): Promise<StyleSpecification> {
	const absolute = new URL(url, location.href).href;
	const response = await fetch(absolute);
	if (!response.ok) throw new Error(`map style ${absolute}: HTTP ${response.status}`);
	return absoluteStyle((await response.json()) as StyleSpecification, absolute);
}

/**
 * MapLibre fetches sources from its worker, where a relative URL has no page to resolve against; glyph and tile
 * templates keep their `{placeholders}`, which `URL` would otherwise percent-encode.
 */
export function absoluteStyle(style: StyleSpecification, base: string): StyleSpecification {
	const resolve = (url: string) =>
		/^[a-z][a-z\d+.-]*:/i.test(url)
			? url
			: new URL(url, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
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
