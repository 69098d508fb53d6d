/// <reference lib="webworker" />
import type { CheckPushMessage } from '../schemas/subscription-check';

/**
 * The delivery check's test push (functions/fanout/check-push.ts): reporting its id is the only proof the server
 * accepts that a push reached this device, so the report goes out before anything else. The notification is
 * shown too: a push must be user-visible, and it tells the person the check worked.
 */
export function handleDeliveryCheck(self: ServiceWorkerGlobalScope): void {
	self.addEventListener('push', (event) => {
		const message = parseCheck(event.data);
		if (!message) return;
		event.waitUntil(
			Promise.all([
				fetch(`/api/subscriptions/check/${encodeURIComponent(message.checkId)}/received`, {
					method: 'POST'
				}).catch(() => undefined),
				self.registration.showNotification(message.title, {
					body: message.body,
					tag: `check-${message.checkId}`,
					icon: '/icons/icon-192.png',
					data: { url: '/regions' }
				})
			])
		);
	});
}

function parseCheck(data: PushMessageData | null): CheckPushMessage | null {
	try {
		const value = data?.json() as Partial<CheckPushMessage> | undefined;
		return value?.kind === 'check' && typeof value.checkId === 'string' && typeof value.title === 'string'
			? (value as CheckPushMessage)
			: null;
	} catch {
		return null;
	}
}
