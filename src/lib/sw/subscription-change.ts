/// <reference lib="webworker" />
import { discardBody } from '../api/discard';
import { postSubscription } from '../push/subscription-api';
import { activeRegions, loadLang, loadQuietHours, loadRegions } from '../regions/store';

/** The browser may rotate a subscription; re-subscribe with the same key and tell the server, or alerts stop. */
export function handleSubscriptionChange(self: ServiceWorkerGlobalScope): void {
	self.addEventListener('pushsubscriptionchange', (event) => {
		const change = event as Event & {
			oldSubscription?: PushSubscription | null;
			newSubscription?: PushSubscription | null;
		};
		(event as ExtendableEvent).waitUntil(
			resubscribe(self, change.oldSubscription ?? null, change.newSubscription ?? null)
		);
	});
}

async function resubscribe(
	self: ServiceWorkerGlobalScope,
	old: PushSubscription | null,
	fresh: PushSubscription | null
): Promise<void> {
	const subscription =
		fresh ??
		(await self.registration.pushManager.subscribe({
			userVisibleOnly: true,
			applicationServerKey: old?.options.applicationServerKey ?? (await vapidKey())
		}));
	const [regions, lang, quietHours] = await Promise.all([loadRegions(), loadLang(), loadQuietHours()]);
	const active = activeRegions(regions);
	if (active.length === 0) return;
	await discardBody(
		await postSubscription(
			subscription,
			active.map((r) => r.geohash),
			lang,
			quietHours
		)
	);
}

async function vapidKey(): Promise<string> {
	const config = (await (await fetch('/api/config')).json()) as { vapidPublicKey: string };
	return config.vapidPublicKey;
}
