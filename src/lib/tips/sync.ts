import { CLUE_SYNC_TAG } from './sync-tag';

interface SyncRegistration extends ServiceWorkerRegistration {
	sync?: { register(tag: string): Promise<void> };
}

/**
 * Asks the service worker to send waiting clues once the network is back, even if this page is closed by then
 * (Background Sync, Chromium). Elsewhere the `online` event or the next visit sends them (sendCluesWhenOnline).
 */
export async function askForBackgroundSync(): Promise<void> {
	try {
		const registration = (await navigator.serviceWorker?.getRegistration()) as SyncRegistration | undefined;
		await registration?.sync?.register(CLUE_SYNC_TAG);
	} catch {
		// No permission or no support: the page's own paths still send the clue.
	}
}

/** On every page: sends clues left waiting at once (a visit) and whenever the network comes back. */
export function sendCluesWhenOnline(): () => void {
	const send = () => {
		if (!navigator.onLine) return;
		// Loaded only when there may be something to send, so pages without clues stay light.
		void import('./outbox').then(({ sendWaitingClues }) => sendWaitingClues()).catch(() => {});
	};
	send();
	addEventListener('online', send);
	return () => removeEventListener('online', send);
}
