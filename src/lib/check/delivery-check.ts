import { detectPushSupport, PushSetupError, turnOnAlerts } from '../push/client';
import type { SavedRegion } from '../regions/store';
import type { Lang } from '../schemas';
import type { CheckState } from '../schemas/subscription-check';
import { inAppBrowser, withTimeout, type InAppBrowser } from './helpers';

/** What the check found, in the words the page uses (check.state.*). */
export type DeliveryState =
	'working' | 'noPush' | 'unreachable' | 'iosInstall' | 'blocked' | 'rateLimited' | 'noRegions';

export interface DeliveryResult {
	state: DeliveryState;
	/** For `noPush`: the app whose built-in browser this is, so the page can say how to leave it. */
	app?: InAppBrowser;
}

/** Subscribing can hang for minutes where the push service is blocked: past this, it is unreachable. */
export const SUBSCRIBE_TIMEOUT_MS = 10_000;
/** How long the page waits for the service worker's receipt before calling the push service unreachable. */
export const RECEIPT_WAIT_MS = 30_000;
const POLL_MS = 1_500;

/**
 * Checks the whole path: a Push API, permission, a subscription (made now if needed, within a timeout), a test
 * push through the server's sender, and the service worker's receipt. Never waits longer than its timeouts.
 */
export async function runDeliveryCheck(regions: SavedRegion[], lang: Lang): Promise<DeliveryResult> {
	const support = detectPushSupport();
	if (support === 'ios-install') return { state: 'iosInstall' };
	if (support === 'unsupported') return { state: 'noPush', app: inAppBrowser(navigator.userAgent) };
	if (support === 'denied') return { state: 'blocked' };
	if (regions.length === 0) return { state: 'noRegions' };
	let subscription: PushSubscription;
	try {
		subscription = await withTimeout(subscribe(regions, lang), SUBSCRIBE_TIMEOUT_MS);
	} catch (error) {
		if (error instanceof PushSetupError && error.reason === 'denied') return { state: 'blocked' };
		if (error instanceof PushSetupError && error.reason === 'rate_limited') return { state: 'rateLimited' };
		return { state: 'unreachable' };
	}
	const response = await fetch('/api/subscriptions/check', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ endpoint: subscription.endpoint, auth: subscription.toJSON().keys?.auth ?? '' })
	}).catch(() => null);
	if (response?.status === 429) return { state: 'rateLimited' };
	if (!response?.ok) return { state: 'unreachable' };
	const { checkId } = (await response.json()) as { checkId: string };
	return { state: (await awaitReceipt(checkId)) === 'received' ? 'working' : 'unreachable' };
}

// Alerts on (or turned on now): the same subscription the alerts use is the one checked.
async function subscribe(regions: SavedRegion[], lang: Lang): Promise<PushSubscription> {
	await turnOnAlerts(regions, lang);
	const registration = await navigator.serviceWorker.ready;
	const subscription = await registration.pushManager.getSubscription();
	if (!subscription) throw new Error('no subscription after subscribing');
	return subscription;
}

async function awaitReceipt(checkId: string): Promise<CheckState | 'timeout'> {
	const deadline = Date.now() + RECEIPT_WAIT_MS;
	while (Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		const answer = await fetch(`/api/subscriptions/check/${encodeURIComponent(checkId)}`, {
			cache: 'no-store'
		})
			.then((r) => (r.ok ? (r.json() as Promise<{ state: CheckState }>) : null))
			.catch(() => null);
		if (answer && answer.state !== 'sent') return answer.state;
	}
	return 'timeout';
}
