// Place search for the public pages: China from a static index searched on the device (what is typed never
// leaves it), loaded on the first focus of a search box and kept by the service worker for offline use;
// places elsewhere from /api/places when online and nothing in China matched (nothing typed is logged there).
import type { Place } from '../schemas/places';
import { parseGazetteer, type Entry } from './gazetteer';
import { reversePlace, searchPlaces } from './search';
import { toPlace } from './to-place';

/** Built by scripts/build-gazetteer.mjs; the service worker caches it (src/lib/sw/routes.ts). */
export const CHINA_INDEX_URL = '/places/cn.txt';

let china: Promise<Entry[]> | null = null;

/** Starts loading the index (call on focus); a failed load is retried on the next call. */
export function loadChinaIndex(): Promise<Entry[]> {
	china ??= fetch(CHINA_INDEX_URL)
		.then((res) => {
			if (!res.ok) throw new Error(`places index: HTTP ${res.status}`);
			return res.text();
		})
		.then((text) => parseGazetteer(text))
		.catch((error: unknown) => {
			china = null;
			throw error;
		});
	return china;
}

async function worldPlaces(q: string, limit: number): Promise<Place[]> {
	if (typeof navigator !== 'undefined' && !navigator.onLine) return [];
	try {
		const res = await fetch(`/api/places?${new URLSearchParams({ q, limit: String(limit) })}`);
		if (!res.ok) return [];
		// The schema (and zod, 26 KB gzip) only now: a static import put them on the first load of every page with
		// a place search, the case page among them (issue 23 point 5), for a path taken only for places abroad.
		const { placesResponseSchema } = await import('../schemas/places');
		return placesResponseSchema.parse(await res.json()).places.filter((p) => p.level === 'city');
	} catch {
		return [];
	}
}

/**
 * China on the device. Only when nothing in China matches, and `world` allows it, is the text asked of the API
 * for places abroad (/regions: "Paris"); the clue form never asks (a clue's place is near the case).
 */
export async function searchOnDevice(q: string, { limit = 8, world = true } = {}): Promise<Place[]> {
	const found = searchPlaces(await loadChinaIndex(), q, { limit }).map(toPlace);
	if (found.length > 0 || !world) return found;
	return worldPlaces(q, limit);
}

/**
 * A saved region's name from its point ("浦东新区", not "区域 1"): the county-level unit around the nearest
 * place with a point of its own, searched on the device. Null when nothing is near (then the caller numbers it).
 */
export async function regionNameAt(
	point: { lat: number; lon: number },
	lang: 'zh-CN' | 'en'
): Promise<string | null> {
	const entry = reversePlace(await loadChinaIndex(), point);
	if (!entry) return null;
	let unit: Entry | null = entry;
	while (unit && unit.level === 'township' && unit.parent) unit = unit.parent;
	const place = toPlace(unit ?? entry);
	return lang === 'en' && place.nameEn ? place.nameEn : place.name;
}
