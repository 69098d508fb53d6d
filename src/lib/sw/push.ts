/// <reference lib="webworker" />
import { announcementTime, claimAnnouncement } from '../live/shown';
import { notificationFor, type PushMessage } from '../push/notification';
import { CACHE_NAMES, forgetCase } from './forget-case';

/** An alert, update or outcome arrives: show it (one notification per case, by tag) and keep the case readable. */
export function handlePush(self: ServiceWorkerGlobalScope): void {
	self.addEventListener('push', (event) => {
		const message = parsePush(event.data);
		if (!message) return;
		if (message.kind === 'summary') return event.waitUntil(announceSummary(self, message));
		event.waitUntil(
			Promise.all([
				announce(self, { ...message, kind: message.kind }),
				// Read the case once now, so it opens even if the phone is offline when the person taps; a case sent
				// in error instead loses what was cached of it, and a child found keeps only the "found" JSON
				// (phones forget too, issue 9: no cached page, poster or photo of the child stays).
				message.kind === 'cancelled'
					? forgetCase(message.caseId).catch(() => {})
					: (message.kind === 'resolved' ? forgetCase(message.caseId) : Promise.resolve())
							.then(() => caches.open(CACHE_NAMES.api))
							.then((cache) => cache.add(`/api/cases/${encodeURIComponent(message.caseId)}`))
							.catch(() => {})
			])
		);
	});
}

// Push, live banners and catch-up share one record of what this device announced (src/lib/live/shown.ts), so a
// case is announced once however it arrives. Chrome shows a generic notice of its own when a push shows nothing
// and no page of the site is visible: then the same notification replaces the earlier one, silently.
async function announce(
	self: ServiceWorkerGlobalScope,
	message: PushMessage & { kind: Exclude<PushMessage['kind'], 'summary'> }
): Promise<void> {
	const { title, options } = notificationFor(message);
	const at = announcementTime(message.at);
	const fresh = await claimAnnouncement(message.caseId, message.kind, at).catch(() => true);
	if (fresh) return self.registration.showNotification(title, options);
	const windows = await self.clients.matchAll({ type: 'window' });
	if (windows.some((client) => client.visibilityState === 'visible')) return;
	const quiet: NotificationOptions & Record<string, unknown> = {
		...options,
		silent: true,
		renotify: false,
		requireInteraction: false
	};
	await self.registration.showNotification(title, quiet);
}

/** Quiet hours are over: one notification for the alerts held, each case now counted as announced. */
async function announceSummary(self: ServiceWorkerGlobalScope, message: PushMessage): Promise<void> {
	for (const caseId of message.cases ?? []) await claimAnnouncement(caseId, 'alert').catch(() => true);
	const { title, options } = notificationFor(message);
	await self.registration.showNotification(title, options);
}

function parsePush(data: PushMessageData | null): PushMessage | null {
	try {
		const value = data?.json() as Partial<PushMessage> | undefined;
		return value && typeof value.caseId === 'string' && typeof value.title === 'string'
			? (value as PushMessage)
			: null;
	} catch {
		return null;
	}
}
