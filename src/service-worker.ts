/// <reference lib="webworker" />
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { loadLang, loadRegions } from './lib/regions/store';
import { notificationFor, type PushMessage } from './lib/push/notification';
import { postSubscription } from './lib/push/subscription-api';
import { handleClueSync } from './lib/sw/clue-sync';

declare const self: ServiceWorkerGlobalScope;

const OFFLINE_URL = '/offline';
const DAY = 24 * 60 * 60;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
handleClueSync();

self.addEventListener('install', (event) => {
	event.waitUntil(caches.open('pages').then((cache) => cache.add(OFFLINE_URL)));
	void self.skipWaiting();
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Pages and alert data: fresh when online, the last copy when not (a case opened before stays readable).
registerRoute(
	({ request }) => request.mode === 'navigate',
	new NetworkFirst({
		cacheName: 'pages',
		networkTimeoutSeconds: 5,
		plugins: [new ExpirationPlugin({ maxEntries: 60 })]
	})
);
registerRoute(
	({ url, request }) =>
		request.method === 'GET' &&
		url.origin === self.location.origin &&
		(/^\/api\/(alerts|cases|config)\b/.test(url.pathname) || url.pathname.endsWith('/__data.json')),
	new NetworkFirst({
		cacheName: 'api',
		networkTimeoutSeconds: 5,
		plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * DAY })]
	})
);
// Photos and the basemap do not change under the same URL.
registerRoute(
	({ url }) => url.origin === self.location.origin && /^\/(api\/photos|demo)\//.test(url.pathname),
	new CacheFirst({
		cacheName: 'photos',
		plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * DAY })]
	})
);
registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/basemap/'),
	new CacheFirst({
		cacheName: 'basemap',
		plugins: [new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: 90 * DAY })]
	})
);

setCatchHandler(async ({ request }) => {
	if (request.mode === 'navigate') {
		return (await caches.match(OFFLINE_URL)) ?? (await matchPrecache(OFFLINE_URL)) ?? Response.error();
	}
	return Response.error();
});

self.addEventListener('push', (event) => {
	const message = parsePush(event.data);
	if (!message) return;
	const { title, options } = notificationFor(message);
	event.waitUntil(
		Promise.all([
			self.registration.showNotification(title, options),
			// Read the case once now, so it opens even if the phone is offline when the person taps.
			caches
				.open('api')
				.then((cache) => cache.add(`/api/cases/${encodeURIComponent(message.caseId)}`))
				.catch(() => {})
		])
	);
});

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

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const base = (event.notification.data as { url?: string } | null)?.url ?? '/';
	const target = new URL(event.action === 'clue' ? `${base}#tip` : base, self.location.origin).href;
	event.waitUntil(openOrFocus(target));
});

async function openOrFocus(url: string): Promise<void> {
	const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const same = windows.find((client) => client.url.split('#')[0] === url.split('#')[0]);
	if (same) {
		await same.focus();
		return;
	}
	await self.clients.openWindow(url);
}

// The browser may rotate a subscription; re-subscribe with the same key and tell the server, or alerts stop.
self.addEventListener('pushsubscriptionchange', (event) => {
	const change = event as Event & {
		oldSubscription?: PushSubscription | null;
		newSubscription?: PushSubscription | null;
	};
	(event as ExtendableEvent).waitUntil(
		resubscribe(change.oldSubscription ?? null, change.newSubscription ?? null)
	);
});

async function resubscribe(old: PushSubscription | null, fresh: PushSubscription | null): Promise<void> {
	const subscription =
		fresh ??
		(await self.registration.pushManager.subscribe({
			userVisibleOnly: true,
			applicationServerKey: old?.options.applicationServerKey ?? (await vapidKey())
		}));
	const [regions, lang] = await Promise.all([loadRegions(), loadLang()]);
	if (regions.length === 0) return;
	await postSubscription(
		subscription,
		regions.map((r) => r.geohash),
		lang
	);
}

async function vapidKey(): Promise<string> {
	const config = (await (await fetch('/api/config')).json()) as { vapidPublicKey: string };
	return config.vapidPublicKey;
}
