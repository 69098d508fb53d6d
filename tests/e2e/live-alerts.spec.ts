import { expect, test, type Browser, type Page, type WebSocketRoute } from '@playwright/test';
import { police, publishCase, signIn } from './support/police-api';
import { chooseCity } from './support/regions';

/**
 * Visitors whose browser has no Push API (in-app browsers, phones without a reachable push service) still hear of
 * a case while the app is open: the live socket, or polling when the socket cannot open.
 */
async function visitorWithoutPush(browser: Browser, cityId: string): Promise<Page> {
	const context = await browser.newContext();
	await context.addInitScript(() => {
		delete (window as { PushManager?: unknown }).PushManager;
	});
	const page = await context.newPage();
	await page.goto('/regions');
	await chooseCity(page, cityId);
	await page.goto('/');
	return page;
}

function banners(page: Page, caseId: string) {
	return page.locator(`[data-testid="live-banner"][data-case-id="${caseId}"]`);
}

const SHANGHAI_CASE = {
	childName: '实时测试',
	age: 7,
	sex: 'male',
	contactPhone: '110',
	lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString(),
	placeName: '上海人民广场',
	lat: 31.2304,
	lon: 121.4737,
	radiusKm: 100
};

test('a published case shows live near it within 15 s, never far away; an update or the outcome replaces the banner', async ({
	browser,
	request
}) => {
	// Shanghai and Suzhou (≈ 85 km) are inside a 100 km circle and in different geohash-3 cells; Beijing is not.
	const shanghai = await visitorWithoutPush(browser, 'shanghai');
	const suzhou = await visitorWithoutPush(browser, 'suzhou');
	const beijing = await visitorWithoutPush(browser, 'beijing');
	expect(await shanghai.evaluate(() => 'PushManager' in window)).toBe(false);
	// The sockets are open before the case is approved (the polling fallback would also find it, more slowly).
	for (const page of [shanghai, suzhou, beijing]) await expect(page.getByTestId('live-mode')).toHaveCount(0);

	const caseId = await publishCase(request, { ...SHANGHAI_CASE, childName: '实时甲' });
	for (const page of [shanghai, suzhou]) {
		await expect(banners(page, caseId)).toHaveAttribute('data-kind', 'alert', { timeout: 15_000 });
		// Screen readers hear it: the banner lands in an assertive live region that was there before it arrived.
		const region = page.getByRole('region', { name: '实时警报' });
		await expect(region).toHaveAttribute('aria-live', 'assertive');
		await expect(region.locator(`[data-case-id="${caseId}"]`)).toContainText('实时甲');
		await expect(page.getByTestId('alert-card').filter({ hasText: '实时甲' })).toBeVisible();
	}

	const officer = await signIn(request, 'demo-officer');
	const update = await police(request, officer, 'POST', `/api/police/cases/${caseId}/updates`, {
		text: '新线索：曾在地铁站出现'
	});
	expect(update.status).toBe(201);
	await expect(banners(shanghai, caseId)).toHaveAttribute('data-kind', 'update', { timeout: 15_000 });
	await expect(banners(shanghai, caseId)).toHaveCount(1);
	await expect(banners(suzhou, caseId)).toHaveAttribute('data-kind', 'update', { timeout: 15_000 });
	await expect(banners(suzhou, caseId)).toHaveCount(1);

	const resolved = await police(request, officer, 'POST', `/api/police/cases/${caseId}/resolve`, {
		outcome: 'found_safe',
		circumstance: 'lost'
	});
	expect(resolved.status).toBe(200);
	await expect(banners(shanghai, caseId)).toHaveAttribute('data-kind', 'resolved', { timeout: 15_000 });
	await expect(banners(shanghai, caseId)).toHaveCount(1);
	await expect(shanghai.getByTestId('alert-card').filter({ hasText: '实时甲' })).toHaveCount(0);

	await expect(banners(beijing, caseId)).toHaveCount(0);
	await expect(beijing.getByTestId('alert-card').filter({ hasText: '实时甲' })).toHaveCount(0);
});

test('when the socket is killed the page falls back to polling and still shows a new case', async ({
	browser,
	request
}) => {
	const context = await browser.newContext();
	await context.addInitScript(() => {
		delete (window as { PushManager?: unknown }).PushManager;
	});
	let socketsAllowed = true;
	const open: WebSocketRoute[] = [];
	await context.routeWebSocket(/\/api\/live/, (ws) => {
		if (!socketsAllowed) return void ws.close({ code: 1011, reason: 'killed by the test' });
		ws.connectToServer();
		open.push(ws);
	});
	const page = await context.newPage();
	await page.goto('/regions');
	await chooseCity(page, 'shanghai');
	await page.goto('/');
	await expect.poll(() => open.length).toBeGreaterThan(0);

	socketsAllowed = false;
	for (const ws of open) await ws.close({ code: 1011, reason: 'killed by the test' });
	await expect(page.getByTestId('live-mode')).toBeVisible();

	const caseId = await publishCase(request, { ...SHANGHAI_CASE, childName: '轮询乙' });
	// Polling reads /api/alerts every 20 s while the socket stays down.
	await expect(banners(page, caseId)).toHaveAttribute('data-kind', 'alert', { timeout: 45_000 });
	await expect(page.getByTestId('alert-card').filter({ hasText: '轮询乙' })).toBeVisible();
	await context.close();
});
