import type { SavedRegion } from '../regions/store';
import type { CaseSummary } from '../schemas';
import { reachesRegions } from './regions';

const LAST_LOOK_KEY = 'reunion-last-look';

/**
 * Whether a case the catch-up finds counts as new to this visitor: published after they last looked at the
 * alerts, and after the (oldest) saved region that reaches it was saved. Saving a region must not announce an
 * 8-hour-old case as "附近新发布"; it is listed below as it is. A case without a readable publication time is new.
 */
export function isNewToVisitor(
	summary: Pick<CaseSummary, 'lat' | 'lon' | 'radiusKm' | 'publishedAt'>,
	regions: Pick<SavedRegion, 'geohash' | 'savedAt'>[],
	lastLook: number | undefined
): boolean {
	const published = summary.publishedAt ? Date.parse(summary.publishedAt) : Number.NaN;
	if (Number.isNaN(published)) return true;
	const reaching = regions.filter((region) => reachesRegions(summary, [region]));
	const regionSince = reaching.length ? Math.min(...reaching.map((region) => region.savedAt ?? 0)) : 0;
	return published > Math.max(lastLook ?? 0, regionSince);
}

/** When this visitor last read the alerts (a finished catch-up), from this browser's storage. */
export function loadLastLook(): number | undefined {
	try {
		const value = Number(localStorage.getItem(LAST_LOOK_KEY));
		return value > 0 ? value : undefined;
	} catch {
		return undefined;
	}
}

export function saveLastLook(at: number): void {
	try {
		localStorage.setItem(LAST_LOOK_KEY, String(at));
	} catch {
		// Private mode without storage: every open then compares with the regions' own times only.
	}
}
