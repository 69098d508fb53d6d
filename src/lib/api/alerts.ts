import type { CaseSummary } from '../schemas';
import { discardBody } from './discard';

/**
 * Alerts for every saved region, by geohash only (the exact point stays on the device). A case near several
 * regions is listed once, with its distance to the nearest.
 */
export async function fetchAlertsForRegions(geohashes: string[], lang: string): Promise<CaseSummary[]> {
	const lists = await Promise.all(
		geohashes.map(async (geohash) => {
			const response = await fetch(`/api/alerts?geohash=${encodeURIComponent(geohash)}&lang=${lang}`);
			if (!response.ok) {
				await discardBody(response);
				throw new Error(`alerts: HTTP ${response.status}`);
			}
			return ((await response.json()) as { alerts: CaseSummary[] }).alerts;
		})
	);
	return mergeAlerts(lists);
}

/** One entry per case, with its distance to the nearest region, newest first. */
export function mergeAlerts(lists: CaseSummary[][]): CaseSummary[] {
	const nearest = new Map<string, CaseSummary>();
	for (const alert of lists.flat()) {
		const known = nearest.get(alert.id);
		if (!known || (alert.distanceKm ?? Infinity) < (known.distanceKm ?? Infinity))
			nearest.set(alert.id, alert);
	}
	return [...nearest.values()].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
}
