/// <reference lib="webworker" />
import { hasWaitingClues, sendWaitingClues } from '../tips/outbox';
import { CLUE_SYNC_TAG } from '../tips/sync-tag';

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

/**
 * Background Sync (where the browser has it): the page registers CLUE_SYNC_TAG when a clue could not be sent,
 * and the browser wakes this worker once the network is back, even if the page is closed. A rejected promise
 * asks the browser to try again later, so a flush that still found no network rejects.
 */
export function handleClueSync(self: ServiceWorkerGlobalScope): void {
	self.addEventListener('sync', (event) => {
		const sync = event as SyncEvent;
		if (sync.tag !== CLUE_SYNC_TAG) return;
		sync.waitUntil(
			sendWaitingClues().then(async () => {
				if (await hasWaitingClues()) throw new Error('clues still waiting: the browser retries later');
			})
		);
	});
}
