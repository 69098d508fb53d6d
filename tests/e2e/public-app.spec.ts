import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { encodeGeohash } from '../../src/lib/geo';
import { E2E_PORT } from '../../playwright.config';
import { isMapLibre } from '../../scripts/first-load-js.mjs';
import { queryLocalD1 } from './support/db';
import { createSubscriber, deliverPush, shownNotifications, stubPushManager } from './support/push';
import { showMap } from './support/regions';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const BEIJING = { latitude: 39.915, longitude: 116.404 };

function peerEndpoint(name: string): string {
	// Local mode accepts http://127.0.0.1 endpoints; nothing is sent in these tests.
	return `http://127.0.0.1:${E2E_PORT}/push-peer/${name}-${Date.now()}`;
}

async function storedRegions(endpoint: string) {
	return queryLocalD1<Record<string, unknown>>(
		`SELECT * FROM subscription_regions WHERE endpoint = '${endpoint}'`
	);
}

async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, {
		timeout: 30_000
	});
}

test('a first visit is in Chinese; the language switches to English and is remembered', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('附近的失踪儿童警报');
	await expect(page.getByTestId('get-alerts')).toHaveText('接收我附近的警报');

	await page.getByTestId('lang-switch').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Missing-child alerts near you');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.reload();
	await expect(page.getByTestId('get-alerts')).toHaveText('Get alerts near me');
	await page.getByRole('link', { name: 'My regions' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My regions');
});

test('one tap from the first visit to alerts on, by location', async ({ page, context }) => {
	const subscriber = createSubscriber(peerEndpoint('taps'));
	await stubPushManager(context, subscriber);
	await context.grantPermissions(['geolocation', 'notifications']);
	await context.setGeolocation(BEIJING);

	await page.goto('/');
	// The notification prompt, the location and the subscription all follow from this one tap.
	await page.getByTestId('get-alerts').click();
	await expect(page.getByTestId('alerts-state')).toContainText('警报通知已开启');

	const rows = await storedRegions(subscriber.endpoint);
	expect(rows.map((r) => r.geohash)).toEqual([encodeGeohash(BEIJING.latitude, BEIJING.longitude, 5)]);

	await page.goto('/');
	await expect(page.getByTestId('alerts-state')).toContainText('警报通知已开启');
	await expect(page.getByTestId('alert-card').first()).toContainText('李小雨');
	await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
	await page.screenshot({ path: `${SCREENSHOTS}/home.png`, fullPage: true });
});

test('a region chosen by map pin is stored as exactly its geohash-5, never as coordinates', async ({
	page,
	context
}) => {
	const subscriber = createSubscriber(peerEndpoint('pin'));
	await stubPushManager(context, subscriber);
	await context.grantPermissions(['notifications']);

	// The map is on demand (issue 23 point 5): MapLibre is not fetched until the reader asks for the map.
	const mapLibre: string[] = [];
	page.on('request', (r) => {
		if (isMapLibre(r.url())) mapLibre.push(r.url());
	});
	await page.goto('/regions');
	await expect(page.getByTestId('city-select')).toBeEnabled();
	await page.waitForLoadState('networkidle');
	expect(mapLibre).toEqual([]);
	await showMap(page);
	const map = page.getByTestId('map');
	await expect(map).toHaveAttribute('data-ready', 'true');
	expect(mapLibre.length).toBeGreaterThan(0);
	const box = (await map.boundingBox())!;
	await map.click({ position: { x: box.width * 0.6, y: box.height * 0.45 } });
	const region = page.getByTestId('region-list').locator('li');
	await expect(region).toHaveCount(1);
	const geohash = await region.getAttribute('data-geohash');
	expect(geohash).toMatch(/^[0-9b-hjkmnp-z]{5}$/);

	const posted = page.waitForRequest((r) => r.url().endsWith('/api/subscriptions') && r.method() === 'POST');
	await page.getByTestId('toggle-alerts').click();
	const body = (await posted).postDataJSON() as Record<string, unknown>;
	expect(body.regions).toEqual([geohash]);
	expect(JSON.stringify(body)).not.toMatch(/"lat"|"lon"|latitude|longitude/);
	await expect(page.getByTestId('alert-state')).toHaveAttribute('data-state', 'on');

	const rows = await storedRegions(subscriber.endpoint);
	expect(rows).toHaveLength(1);
	expect(rows[0]).toMatchObject({
		geohash,
		p256dh: subscriber.p256dh,
		auth: subscriber.auth,
		regions: geohash
	});
	expect(Object.keys(rows[0]!).filter((column) => /lat|lon/.test(column))).toEqual([]);
	await page.screenshot({ path: `${SCREENSHOTS}/regions.png`, fullPage: true });

	// Turning alerts off deletes the server's copy.
	await page.getByTestId('toggle-alerts').click();
	await expect(page.getByTestId('alert-state')).toHaveAttribute('data-state', 'off');
	expect(await storedRegions(subscriber.endpoint)).toEqual([]);
});

test('a push delivered to the service worker shows a notification with the child’s name', async ({
	page,
	context
}) => {
	await context.grantPermissions(['notifications']);
	await page.goto('/');
	await waitForServiceWorker(page);
	const message = {
		kind: 'alert',
		caseId: 'demo-guangzhou',
		title: '儿童走失警报：陈思琪（示例），5 岁',
		body: '最后出现在广州市天河区 天河城商场。如有线索请立即报警。',
		image: '/demo/child-3.svg',
		url: '/cases/demo-guangzhou'
	};
	await deliverPush(page, JSON.stringify(message));
	await expect
		.poll(async () => (await shownNotifications(page)).map((n) => n.title))
		.toContain(message.title);
	const [shown] = (await shownNotifications(page)).filter((n) => n.tag === 'demo-guangzhou');
	expect(shown).toMatchObject({
		body: message.body,
		tag: 'demo-guangzhou',
		data: expect.objectContaining({ url: message.url })
	});
});

test('a case opened before still renders offline; the case page has share and call buttons', async ({
	page,
	context
}) => {
	await page.goto('/cases/demo-shanghai');
	await waitForServiceWorker(page);
	await page.reload(); // now controlled by the service worker, so the page and its data are cached
	await expect(page.getByRole('heading', { level: 1 })).toContainText('王浩然');
	await expect(page.getByTestId('call-police')).toHaveAttribute('href', 'tel:110');
	// "我有线索" on the first screen, beside the call button, and it leads into the clue form (issue 22).
	const call = (await page.getByTestId('call-police').boundingBox())!;
	const clue = (await page.getByTestId('have-clue').boundingBox())!;
	expect(clue.y + clue.height).toBeLessThanOrEqual(page.viewportSize()!.height);
	expect(Math.abs(clue.y - call.y)).toBeLessThan(call.height + 16);
	await page.screenshot({ path: `${SCREENSHOTS}/case-first-screen.png` });
	await page.getByTestId('have-clue').click();
	await expect(page.locator('#clue-message')).toBeFocused();
	await expect(page.getByTestId('share')).toBeVisible();
	// Below the fold on a phone, the map starts only once it comes near the screen.
	await page.getByTestId('map').scrollIntoViewIfNeeded();
	await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
	// MapLibre's own controls speak the page's language, not "Map", "Toggle attribution", "Map marker".
	const map = page.getByTestId('map');
	await expect(map.locator('.maplibregl-canvas')).toHaveAttribute('aria-label', '地图');
	await expect(map.locator('.maplibregl-ctrl-attrib-button')).toHaveAttribute(
		'title',
		'显示或隐藏地图数据来源'
	);
	await page.screenshot({ path: `${SCREENSHOTS}/case.png`, fullPage: true });

	await context.setOffline(true);
	await page.goto('/cases/demo-shanghai');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('王浩然');
	await expect(page.getByTestId('offline-banner')).toBeVisible();

	await page.goto('/cases/demo-wuhan'); // never opened: the offline page says so
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('您已离线');
	await context.setOffline(false);
});

test('an unknown case answers with a readable not-found page', async ({ page }) => {
	const response = await page.goto('/cases/no-such-case');
	expect(response?.status()).toBe(404);
	await expect(page.getByTestId('error-message')).toHaveText('找不到这条警报，它可能已被撤销。');
});

test('the case page is rendered with dates in the force’s zone, named, not in the Worker’s UTC', async ({
	page
}) => {
	const html = await (await page.request.get('/cases/demo-shanghai')).text();
	// One wording for the zone, after the time, in Chinese too: "UTC+8", never Intl's Chinese "GMT+8".
	expect(html).toMatch(/\d{2}:\d{2} UTC\+8/);
	expect(html).not.toMatch(/GMT\+|\d{2}:\d{2} UTC[^+]/);
});
