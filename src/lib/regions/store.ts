import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { encodeGeohash, REGION_PRECISION } from '../geo';
import type { Lang } from '../schemas/common';
import type { QuietHours } from '../schemas/quiet-hours';

/** A region as kept on the device. The exact point never leaves it; only `geohash` goes to the server. */
export interface SavedRegion {
	id: string;
	name: string;
	lat: number;
	lon: number;
	geohash: string;
	/** Muted on this device (issue 9): kept, but left out of the subscription, catch-up and live alerts. */
	muted?: boolean;
	/** When it was saved (ms since the epoch): cases published before are not "new" to it (src/lib/live). */
	savedAt?: number;
}

export const MAX_SAVED_REGIONS = 3;
const REGIONS_KEY = 'regions';
const ALERTS_ON_KEY = 'alerts-on';
const LANG_KEY = 'lang';
const QUIET_HOURS_KEY = 'quiet-hours';

let store: UseStore | undefined;
function db(): UseStore {
	store ??= createStore('reunion', 'device');
	return store;
}

export async function loadRegions(): Promise<SavedRegion[]> {
	return (await get<SavedRegion[]>(REGIONS_KEY, db())) ?? [];
}

export async function saveRegions(regions: SavedRegion[]): Promise<void> {
	await set(REGIONS_KEY, regions.slice(0, MAX_SAVED_REGIONS), db());
}

/** The regions that alert this device: every saved one that is not muted. */
export function activeRegions<R extends Pick<SavedRegion, 'muted'>>(regions: R[]): R[] {
	return regions.filter((region) => !region.muted);
}

export function makeRegion(name: string, lat: number, lon: number): SavedRegion {
	return {
		id: crypto.randomUUID(),
		name,
		lat,
		lon,
		geohash: encodeGeohash(lat, lon, REGION_PRECISION),
		savedAt: Date.now()
	};
}

export async function loadAlertsOn(): Promise<boolean> {
	return (await get<boolean>(ALERTS_ON_KEY, db())) ?? false;
}

export async function saveAlertsOn(on: boolean): Promise<void> {
	if (on) await set(ALERTS_ON_KEY, true, db());
	else await del(ALERTS_ON_KEY, db());
}

/** The language push texts are sent in; the service worker needs it when it re-subscribes on its own. */
export async function saveLang(lang: Lang): Promise<void> {
	await set(LANG_KEY, lang, db());
}

export async function loadLang(): Promise<Lang> {
	return (await get<Lang>(LANG_KEY, db())) ?? 'zh-CN';
}

/** Quiet hours chosen on this device (off by default); sent with every subscription so the server can hold. */
export async function loadQuietHours(): Promise<QuietHours | null> {
	return (await get<QuietHours>(QUIET_HOURS_KEY, db())) ?? null;
}

export async function saveQuietHours(quiet: QuietHours | null): Promise<void> {
	if (quiet) await set(QUIET_HOURS_KEY, quiet, db());
	else await del(QUIET_HOURS_KEY, db());
}
