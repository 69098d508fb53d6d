/// <reference lib="webworker" />
import { ExpirationPlugin } from 'workbox-expiration';
import {
	cleanupOutdatedCaches,
	matchPrecache,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';

const OFFLINE_URL = '/offline';
const DAY = 24 * 60 * 60;

/** The app shell from the precache manifest, then runtime caches: pages and alert data, photos, the basemap. */
export function installRoutes(self: ServiceWorkerGlobalScope, manifest: (string | PrecacheEntry)[]): void {
	precacheAndRoute(manifest);
	cleanupOutdatedCaches();

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
}
