import { env } from '$env/dynamic/public';
import type { AddProtocolAction, StyleSpecification } from 'maplibre-gl';
import type { Lang } from '$lib/schemas/common';
import { absoluteStyle, localiseLabels } from './style';
// A `?url` import is only a string: the ~500 KB worker is fetched by MapLibre when a map is created.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

export type MapLibre = typeof import('maplibre-gl');

/**
 * Offline style written by scripts/build-basemap.mjs: vector tiles in one PMTiles archive (Natural Earth outlines,
 * GeoNames place labels), our Latin glyphs, Chinese drawn with the device's fonts.
 */
export const OFFLINE_STYLE_URL = '/basemap/style.json';

/**
 * Chinese, Japanese and Korean labels are drawn by the browser, so no CJK glyphs are downloaded; simplified
 * Chinese fonts first, so a shared character takes its mainland form.
 */
export const LOCAL_IDEOGRAPH_FONTS =
	"'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', sans-serif";

let loading: Promise<MapLibre> | undefined;

/**
 * Loads MapLibre, its stylesheet and the PMTiles reader on first use, so pages that never show a map never
 * download them. MapLibre 6 has no default export and cannot find its worker once bundled: hence the namespace and
 * setWorkerUrl. The `pmtiles://` protocol reads tiles out of one archive with HTTP range requests.
 */
export function loadMapLibre(): Promise<MapLibre> {
	loading ??= Promise.all([
		import('maplibre-gl'),
		import('pmtiles'),
		import('maplibre-gl/dist/maplibre-gl.css')
	]).then(
		([maplibre, pmtiles]) => {
			maplibre.setWorkerUrl(workerUrl);
			// pmtiles types its answer's data as `unknown` (it also serves TileJSON); MapLibre wants the union it accepts.
			maplibre.addProtocol('pmtiles', new pmtiles.Protocol().tilev4 as AddProtocolAction);
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

/**
 * Fetches the style, makes every URL in it absolute (resolved against the style's own address) and writes its
 * labels in the page's language.
 */
export async function loadMapStyle(url = mapStyleUrl(), lang: Lang = 'zh-CN'): Promise<StyleSpecification> {
	const target = new URL(url, location.href);
	// A street map served by this Worker (functions/tiles) writes its labels in the language asked for.
	if (target.origin === location.origin && /^\/tiles\/[a-z0-9-]+\/style\.json$/.test(target.pathname)) {
		target.searchParams.set('lang', lang);
	}
	const absolute = target.href;
	const response = await fetch(absolute);
	if (!response.ok) throw new Error(`map style ${absolute}: HTTP ${response.status}`);
	return localiseLabels(absoluteStyle((await response.json()) as StyleSpecification, absolute), lang);
}

export { absoluteStyle, isLabelLayer, labelField, localiseLabels } from './style';
