/// <reference lib="webworker" />
import type { WorkboxPlugin } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import {
	cleanupOutdatedCaches,
	matchPrecache,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { answerBasemapArchive, isBasemapArchive } from './basemap-archive';
import { CACHE_NAMES, caseIdOf, closedIn, forgetCase, saysWithdrawn } from './forget-case';

const OFFLINE_URL = '/offline';
const DAY = 24 * 60 * 60;

// A case the network says is gone (404) or closed — cancelled, found, reduced after the retention period, in
// its own answer or in an alert list — loses every copy cached before; this runs before the strategy caches the
// fresh answer, so the outcome is what stays (issue 9: phones forget on seeing, too).
const forgetClosed: WorkboxPlugin = {
	fetchDidSucceed: async ({ request, response }) => {
		const id = caseIdOf(new URL(request.url).pathname);
		const closed = id && (await saysWithdrawn(response)) ? [id] : await closedIn(response);
		for (const closedId of closed) await forgetCase(closedId);
		return response;
	}
};

/** The app shell from the precache manifest, then runtime caches: pages and alert data, photos, the basemap. */
export function installRoutes(self: ServiceWorkerGlobalScope, manifest: (string | PrecacheEntry)[]): void {
	precacheAndRoute(manifest);
	cleanupOutdatedCaches();

	self.addEventListener('install', (event) => {
		event.waitUntil(caches.open(CACHE_NAMES.pages).then((cache) => cache.add(OFFLINE_URL)));
		void self.skipWaiting();
	});
	self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

	// Pages and alert data: fresh when online, the last copy when not (a case opened before stays readable).
	registerRoute(
		({ request }) => request.mode === 'navigate',
		new NetworkFirst({
			cacheName: CACHE_NAMES.pages,
			networkTimeoutSeconds: 5,
			plugins: [forgetClosed, new ExpirationPlugin({ maxEntries: 60 })]
		})
	);
	registerRoute(
		({ url, request }) =>
			request.method === 'GET' &&
			url.origin === self.location.origin &&
			(/^\/api\/(alerts|cases|config)\b/.test(url.pathname) || url.pathname.endsWith('/__data.json')),
		new NetworkFirst({
			cacheName: CACHE_NAMES.api,
			networkTimeoutSeconds: 5,
			plugins: [forgetClosed, new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * DAY })]
		})
	);
	// Photos and the basemap do not change under the same URL.
	registerRoute(
		({ url }) => url.origin === self.location.origin && /^\/(api\/photos|demo)\//.test(url.pathname),
		new CacheFirst({
			cacheName: CACHE_NAMES.photos,
			plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * DAY })]
		})
	);
	// MapLibre (its library, worker and stylesheet) is left out of the precache for its size; once a map was shown
	// it stays, so maps work offline too. Immutable, hashed names: a new build fetches new files.
	registerRoute(
		({ url }) =>
			url.origin === self.location.origin &&
			url.pathname.startsWith('/_app/immutable/') &&
			/\/maplibre-gl[^/]*$/.test(url.pathname),
		new CacheFirst({
			cacheName: 'map-code',
			plugins: [new ExpirationPlugin({ maxEntries: 10, maxAgeSeconds: 90 * DAY })]
		})
	);
	// The tile archive is read in byte ranges: answered from one cached copy (basemap-archive.ts).
	registerRoute(
		({ url }) => isBasemapArchive(url, self.location.origin),
		({ event }) => answerBasemapArchive(event as FetchEvent)
	);
	// Its style and glyphs.
	registerRoute(
		({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/basemap/'),
		new CacheFirst({
			cacheName: 'basemap',
			plugins: [new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: 90 * DAY })]
		})
	);

	// The place index (src/lib/places/device.ts): fetched on a search box's first focus, then kept, so place
	// search works offline; a newer build's index replaces it in the background.
	registerRoute(
		({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/places/'),
		new StaleWhileRevalidate({ cacheName: 'places', plugins: [new ExpirationPlugin({ maxEntries: 4 })] })
	);

	setCatchHandler(async ({ request }) => {
		if (request.mode === 'navigate') {
			return (await caches.match(OFFLINE_URL)) ?? (await matchPrecache(OFFLINE_URL)) ?? Response.error();
		}
		return Response.error();
	});
}
