import type { Lang } from '../schemas/common';
import type { QuietHours } from '../schemas/quiet-hours';

/**
 * POST /api/subscriptions: the subscription and the regions' geohashes only (the exact points stay on the
 * device). Shared by the page and the service worker, which re-sends after `pushsubscriptionchange`.
 */
export function postSubscription(
	subscription: PushSubscription,
	geohashes: string[],
	lang: Lang,
	/** The device's quiet hours; null turns them off on the server. */
	quietHours: QuietHours | null
): Promise<Response> {
	return fetch('/api/subscriptions', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ subscription: subscription.toJSON(), regions: geohashes, lang, quietHours })
	});
}

/** DELETE /api/subscriptions: the server forgets this device (alerts off, or every region muted). */
export function deleteSubscription(subscription: PushSubscription): Promise<Response> {
	return fetch('/api/subscriptions', {
		method: 'DELETE',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ endpoint: subscription.endpoint, auth: subscription.toJSON().keys?.auth ?? '' })
	});
}
