/// <reference lib="webworker" />
import { translate } from '../i18n/all';
import { claimAnnouncement } from '../live/shown';
import { notificationFor } from '../push/notification';
import { loadLang, loadRegions } from '../regions/store';
import type { CaseSummary } from '../schemas';

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
	const [regions, lang] = await Promise.all([loadRegions(), loadLang()]);
	const seen = new Set<string>();
	for (const region of regions) {
		const response = await fetch(`/api/alerts?geohash=${encodeURIComponent(region.geohash)}&lang=${lang}`, {
			cache: 'no-store'
		});
		if (!response.ok) continue;
		const { alerts } = (await response.json()) as { alerts: CaseSummary[] };
		for (const alert of alerts) {
			if (seen.has(alert.id)) continue;
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
