/// <reference lib="webworker" />

/**
 * Phones forget too (issue 9): once a case is resolved or cancelled, this device drops its cached page, page
 * data, poster and photos, and keeps only the case's JSON as the server now answers it — the "found" or
 * "cancelled" text (and, after the retention period, the reduced name).
 */
export async function forgetCase(self: ServiceWorkerGlobalScope, caseId: string): Promise<void> {
	const id = encodeURIComponent(caseId);
	const pages = new Set([
		`/cases/${id}`,
		`/cases/${id}/__data.json`,
		`/cases/${id}/poster`,
		`/cases/${id}/poster.svg`
	]);
	// Case photos are stored under cases/<id>/ (functions/api/police/cases-photo.ts), so their URLs name the case.
	const photoPrefix = `/api/photos/cases/${id}/`;
	for (const name of await self.caches.keys()) {
		const cache = await self.caches.open(name);
		for (const request of await cache.keys()) {
			const url = new URL(request.url);
			if (url.origin !== self.location.origin) continue;
			if (pages.has(url.pathname) || url.pathname.startsWith(photoPrefix)) await cache.delete(request);
		}
	}
	await (await self.caches.open('api')).add(`/api/cases/${id}`).catch(() => {
		// Offline: the stale JSON stays until the next read, which the network-first route refreshes.
	});
}
