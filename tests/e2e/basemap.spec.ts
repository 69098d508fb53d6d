import { expect, test, type Page } from '@playwright/test';
import { showMap } from './support/regions';

// Issue 20 point 5: the default map has place names, offline (tiles, glyphs and style from our own origin), in the
// page's language, and zooming in never ends on an empty map. Rendered features are read from MapLibre through the
// test hook MapView calls when a script defined it (src/lib/map/MapView.svelte, announceToTests).

declare global {
	interface Window {
		__reunionMapReady?: (map: unknown) => void;
		__testMap?: import('maplibre-gl').Map;
	}
}

/** GeoNames' point for Wuhan. */
const WUHAN = { lon: 114.26667, lat: 30.58333 };

async function openMap(page: Page) {
	await page.addInitScript(() => {
		window.__reunionMapReady = (map) => {
			window.__testMap = map as Window['__testMap'];
		};
	});
	await page.goto('/regions');
	await showMap(page); // /regions shows its map on demand
	await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
	await page.waitForFunction(() => window.__testMap !== undefined);
}

/** Moves the map and waits until every tile is loaded and drawn; returns what is rendered at the centre. */
function viewAt(page: Page, zoom: number) {
	return page.evaluate(
		({ lon, lat, zoom }) =>
			new Promise<{ labels: string[]; land: number; layers: string[] }>((resolve) => {
				const map = window.__testMap!;
				map.once('idle', () => {
					const labels = map
						.queryRenderedFeatures({ layers: ['places-low', 'places'] })
						.map((f) => String(f.properties.name));
					const { width, height } = map.getCanvas().getBoundingClientRect();
					const centre = map.queryRenderedFeatures([width / 2, height / 2]);
					resolve({
						labels,
						land: centre.filter((f) => f.layer.id === 'land').length,
						layers: map.getStyle().layers.map((l) => l.id)
					});
				});
				map.jumpTo({ center: [lon, lat], zoom });
			}),
		{ ...WUHAN, zoom }
	);
}

test('the offline map labels 武汉 at city zoom and is still land, not blank, at zoom 14', async ({
	page
}) => {
	const offsite: string[] = [];
	page.on('request', (request) => {
		if (
			!request.url().startsWith(new URL(page.url() || 'http://127.0.0.1').origin) &&
			!request.url().startsWith('data:')
		) {
			offsite.push(request.url());
		}
	});
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	await openMap(page);

	const city = await viewAt(page, 9);
	expect(city.labels).toContain('武汉');
	// Prefecture, county and township seats around it are labelled too (collisions leave out some).
	expect(city.labels.length).toBeGreaterThan(10);
	expect(city.land).toBeGreaterThan(0);

	await page.getByTestId('map').screenshot({ path: 'test-results/screenshots/basemap-z9.png' });

	// Past the archive's last zoom (8) MapLibre overzooms: land and the city's name are still there.
	const streets = await viewAt(page, 14);
	expect(streets.land, 'the land under Wuhan is still drawn at zoom 14').toBeGreaterThan(0);
	expect(streets.labels).toContain('武汉');
	const shot = await page.getByTestId('map').screenshot({ path: 'test-results/screenshots/basemap-z14.png' });
	expect(shot.length).toBeGreaterThan(0);

	// Attribution (point 7): on the map, and on /developers with OpenStreetMap for the deployed street map.
	await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toContainText('Natural Earth');
	await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toContainText('GeoNames');
	await page.goto('/developers');
	const credits = page.getByTestId('map-attribution');
	for (const name of ['Natural Earth', 'GeoNames', 'OpenStreetMap'])
		await expect(credits).toContainText(name);

	expect(errors).toEqual([]);
	expect(offsite.filter((url) => !url.startsWith('http://127.0.0.1'))).toEqual([]);
});

test('on English pages the labels are in Latin letters, drawn with our own glyphs', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([{ name: 'reunion_lang', value: 'en', url: baseURL! }]);
	const glyphs: number[] = [];
	page.on('response', (response) => {
		if (response.url().includes('/basemap/fonts/')) glyphs.push(response.status());
	});
	await openMap(page);
	const city = await viewAt(page, 9);
	expect(city.labels).toContain('武汉'); // the feature's `name`; the text drawn is `name_en`
	const field = await page.evaluate(() => window.__testMap!.getLayoutProperty('places', 'text-field'));
	expect(JSON.stringify(field)).toContain('name_en');
	expect(glyphs.length).toBeGreaterThan(0);
	expect(glyphs.every((status) => status === 200)).toBe(true);
	await page.getByTestId('map').screenshot({ path: 'test-results/screenshots/basemap-en.png' });
});

test('once a map was shown, the labelled map comes back with the network off', async ({ page, context }) => {
	await openMap(page);
	// The first visit installs the service worker; the map of the next one goes through it.
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await showMap(page);
	await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
	expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	// The service worker keeps one whole copy of the archive (src/lib/sw/basemap-archive.ts) and MapLibre's code.
	await expect
		.poll(() =>
			page.evaluate(async () =>
				(await (await caches.open('basemap-archive')).keys()).map((r) => new URL(r.url).pathname)
			)
		)
		.toEqual(['/basemap/reunion.pmtiles']);
	await expect
		.poll(() => page.evaluate(async () => (await (await caches.open('map-code')).keys()).length))
		.toBeGreaterThan(0);

	await context.setOffline(true);
	await page.reload();
	await showMap(page);
	await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
	await page.waitForFunction(() => window.__testMap !== undefined);
	const city = await viewAt(page, 9);
	expect(city.labels).toContain('武汉');
	expect(city.land).toBeGreaterThan(0);
	await context.setOffline(false);
});
