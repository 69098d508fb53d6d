/// <reference lib="webworker" />
import { notificationFor, type PushMessage } from '../push/notification';
import { forgetCase } from './forget-case';

/** An alert, update or outcome arrives: show it (one notification per case, by tag) and keep the case readable. */
export function handlePush(self: ServiceWorkerGlobalScope): void {
	self.addEventListener('push', (event) => {
		const message = parsePush(event.data);
		if (!message) return;
		const { title, options } = notificationFor(message);
		event.waitUntil(
			Promise.all([
				self.registration.showNotification(title, options),
				message.kind === 'resolved' || message.kind === 'cancelled'
					? forgetCase(self, message.caseId)
					: // Read the case once now, so it opens even if the phone is offline when the person taps.
						caches
							.open('api')
							.then((cache) => cache.add(`/api/cases/${encodeURIComponent(message.caseId)}`))
							.catch(() => {})
			])
		);
	});
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
