/** Must match src/lib/sw/catch-up.ts (kept apart: the page must not import service-worker code). */
const CATCH_UP_TAG = 'reunion-catch-up';
/** Browsers run it at most about twice a day anyway; asking for more changes nothing. */
const MIN_INTERVAL_MS = 12 * 60 * 60 * 1000;

interface PeriodicSyncManager {
	register(tag: string, options: { minInterval: number }): Promise<void>;
}

/**
 * Asks for Periodic Background Sync where it exists (installed Chromium apps), so missed alerts are caught up
 * even when the app is not opened. Elsewhere (or refused) the catch-up on every app open remains.
 */
export async function registerCatchUp(): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	const registration = await navigator.serviceWorker.ready;
	const periodicSync = (registration as ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager })
		.periodicSync;
	if (!periodicSync) return;
	const status = await navigator.permissions
		.query({ name: 'periodic-background-sync' as PermissionName })
		.catch(() => null);
	if (status?.state !== 'granted') return;
	await periodicSync.register(CATCH_UP_TAG, { minInterval: MIN_INTERVAL_MS });
}
