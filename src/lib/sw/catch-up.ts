/// <reference lib="webworker" />
import { translate } from '../i18n/all';
import { claimAnnouncement } from '../live/shown';
import { notificationFor } from '../push/notification';
import { inQuietHours } from '../quiet-hours/decide';
import { activeRegions, loadLang, loadQuietHours, loadRegions } from '../regions/store';
import type { CaseSummary } from '../schemas';
import { closedCaseIds, forgetCase } from './forget-case';

/** The tag pages register (src/lib/live/catch-up-registration.ts) and the service worker answers. */
export const CATCH_UP_TAG = 'reunion-catch-up';

interface PeriodicSyncEvent extends ExtendableEvent {
	tag: string;
}

/**
 * Periodic Background Sync (installed Chromium apps; the browser decides when, about every 12 h at best): read the
 * alerts of the saved regions and notify every case this device has not announced by any path. Regions go by
 * geohash-5 only, as the pages send them.
 */
export function handleCatchUp(self: ServiceWorkerGlobalScope): void {
	self.addEventListener('periodicsync', (event) => {
		const sync = event as PeriodicSyncEvent;
		if (sync.tag === CATCH_UP_TAG) sync.waitUntil(catchUp(self));
	});
}

async function catchUp(self: ServiceWorkerGlobalScope): Promise<void> {
	const [saved, lang, quiet] = await Promise.all([loadRegions(), loadLang(), loadQuietHours()]);
	// During quiet hours the server holds new alerts for the morning's summary: catch-up must not ring instead.
	// Muted regions are left out, as they are of the subscription.
	if (quiet && inQuietHours(quiet, new Date())) return;
	const regions = activeRegions(saved);
	const seen = new Set<string>();
	for (const region of regions) {
		// include=closed: a case found or withdrawn in the last day is not announced, but its cached copies go
		// (phones forget on seeing, issue 9); this fetch from the worker itself bypasses its own routes.
		const query = `geohash=${encodeURIComponent(region.geohash)}&lang=${lang}&include=closed`;
		const response = await fetch(`/api/alerts?${query}`, { cache: 'no-store' });
		if (!response.ok) continue;
		const body = (await response.json()) as { alerts: Array<CaseSummary | { id: string; status: string }> };
		const closed = new Set(closedCaseIds(body));
		for (const id of closed) await forgetCase(id).catch(() => {});
		for (const alert of body.alerts) {
			if (seen.has(alert.id) || closed.has(alert.id) || !('childName' in alert)) continue;
			seen.add(alert.id);
			if (!(await claimAnnouncement(alert.id, 'alert'))) continue;
			const { title, options } = notificationFor({
				kind: 'alert',
				caseId: alert.id,
				title: translate(lang, 'live.kind.alert'),
				body: translate(lang, 'live.summary', {
					name: alert.childName,
					age: alert.age,
					place: alert.placeName
				}),
				url: `/cases/${alert.id}`,
				...(alert.photoUrl ? { image: alert.photoUrl } : {})
			});
			await self.registration.showNotification(title, options);
		}
	}
}
