import type { Lang } from '../schemas';
import { registerServiceWorker } from '../pwa';
import { discardBody } from '../api/discard';
import { deleteSubscription, postSubscription } from './subscription-api';
import {
	activeRegions,
	loadQuietHours,
	loadRegions,
	saveAlertsOn,
	saveLang,
	type SavedRegion
} from '../regions/store';

export type PushSupport = 'supported' | 'unsupported' | 'ios-install' | 'denied';

/** Why alerts cannot be turned on here, so the page can say what to do instead. */
export function detectPushSupport(): PushSupport {
	const hasApis = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
	if (!hasApis) return isIosOutsideHomeScreen() ? 'ios-install' : 'unsupported';
	if (Notification.permission === 'denied') return 'denied';
	return 'supported';
}

/** iOS offers Web Push only to a web app opened from the Home Screen (Safari 16.4+). */
function isIosOutsideHomeScreen(): boolean {
	const ios =
		/iPad|iPhone|iPod/.test(navigator.userAgent) ||
		(navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
	const standalone = window.matchMedia('(display-mode: standalone)').matches;
	return ios && !standalone;
}

export class PushSetupError extends Error {
	constructor(
		readonly reason: 'denied' | 'unsupported' | 'rate_limited' | 'server',
		message: string
	) {
		super(message);
	}
}

function keyFromBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function currentRegistration(): Promise<ServiceWorkerRegistration> {
	if (!navigator.serviceWorker.controller) await registerServiceWorker();
	return navigator.serviceWorker.ready;
}

/** Subscribes this browser and tells the server which regions to alert it for (an upsert by endpoint). */
export async function turnOnAlerts(regions: SavedRegion[], lang: Lang): Promise<void> {
	if (detectPushSupport() !== 'supported') throw new PushSetupError('unsupported', 'push unavailable');
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') throw new PushSetupError('denied', 'notification permission refused');
	const config = (await (await fetch('/api/config')).json()) as { vapidPublicKey: string };
	const registration = await currentRegistration();
	const subscription =
		(await registration.pushManager.getSubscription()) ??
		(await registration.pushManager.subscribe({
			userVisibleOnly: true,
			applicationServerKey: keyFromBase64Url(config.vapidPublicKey)
		}));
	await sendSubscription(subscription, regions, lang);
	await saveAlertsOn(true);
}

/** Re-sends the regions after they changed; the service worker calls the same after `pushsubscriptionchange`. */
export async function sendSubscription(
	subscription: PushSubscription,
	regions: SavedRegion[],
	lang: Lang
): Promise<void> {
	// Kept for the service worker, which re-subscribes on its own when the browser rotates the subscription.
	await saveLang(lang);
	const active = activeRegions(regions);
	// Every region muted: the server needs 1–3 regions to alert for, so it forgets the device until one is unmuted.
	if (active.length === 0) return forgetOnServer(subscription);
	const response = await postSubscription(
		subscription,
		active.map((r) => r.geohash),
		lang,
		await loadQuietHours()
	);
	if (response.status === 429) {
		await discardBody(response);
		throw new PushSetupError('rate_limited', 'rate limited');
	}
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
		throw new PushSetupError('server', body?.error?.message ?? `HTTP ${response.status}`);
	}
	await discardBody(response);
}

export async function updateAlertRegions(lang: Lang): Promise<void> {
	const registration = await navigator.serviceWorker.getRegistration();
	const subscription = await registration?.pushManager.getSubscription();
	const regions = await loadRegions();
	if (subscription && regions.length > 0) await sendSubscription(subscription, regions, lang);
}

/** Deletes the server's copy first: if that fails the browser keeps its subscription and the user can retry. */
export async function turnOffAlerts(): Promise<void> {
	const registration = await navigator.serviceWorker.getRegistration();
	const subscription = await registration?.pushManager.getSubscription();
	if (subscription) {
		await forgetOnServer(subscription);
		await subscription.unsubscribe();
	}
	await saveAlertsOn(false);
}

async function forgetOnServer(subscription: PushSubscription): Promise<void> {
	const response = await deleteSubscription(subscription);
	await discardBody(response);
	if (!response.ok && response.status !== 204) throw new PushSetupError('server', `HTTP ${response.status}`);
}
