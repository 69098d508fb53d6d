import { mergeAlerts } from '../api/alerts';
import type { CaseSummary } from '../schemas';

interface Cached {
	etag: string;
	alerts: CaseSummary[];
}

/**
 * `/api/alerts` for each region's geohash-5, revalidated with the last ETag: while nothing changed, a poll costs
 * a 304 per region. Bypasses the HTTP cache (the answer may be cached for 30 s) so a poll is never stale.
 */
export class AlertsPoller {
	private readonly cache = new Map<string, Cached>();

	constructor(private readonly fetcher: typeof fetch = (...args) => fetch(...args)) {}

	async read(geohashes: string[], lang: string): Promise<CaseSummary[]> {
		return mergeAlerts(await Promise.all(geohashes.map((geohash) => this.readOne(geohash, lang))));
	}

	private async readOne(geohash: string, lang: string): Promise<CaseSummary[]> {
		const url = `/api/alerts?geohash=${encodeURIComponent(geohash)}&lang=${encodeURIComponent(lang)}`;
		const known = this.cache.get(url);
		const response = await this.fetcher(url, {
			cache: 'no-store',
			headers: known ? { 'If-None-Match': known.etag } : {}
		});
		if (response.status === 304 && known) return known.alerts;
		if (!response.ok) throw new Error(`alerts: HTTP ${response.status}`);
		const { alerts } = (await response.json()) as { alerts: CaseSummary[] };
		const etag = response.headers.get('ETag');
		if (etag) this.cache.set(url, { etag, alerts });
		return alerts;
	}
}
