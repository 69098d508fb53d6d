import type { Lang } from '../schemas/common';

/**
 * POST /api/subscriptions: the subscription and the regions' geohashes only (the exact points stay on the
 * device). Shared by the page and the service worker, which re-sends after `pushsubscriptionchange`.
 */
export function postSubscription(
	subscription: PushSubscription,
	geohashes: string[],
	lang: Lang
): Promise<Response> {
	return fetch('/api/subscriptions', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ subscription: subscription.toJSON(), regions: geohashes, lang })
	});
}
