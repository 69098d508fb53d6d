import { expect, test, type Page } from '@playwright/test';
import { police, publishCase, signIn } from './support/police-api';

// Issue 13, point 1: a cancelled case on the public page.
const CHILD = {
	childName: '撤销测试',
	age: 7,
	sex: 'male',
	contactPhone: '110',
	lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString(),
	placeName: '成都市武侯区',
	lat: 30.64,
	lon: 104.04,
	radiusKm: 20
};

/** Every cached response's text, so a test can tell whether the child is still readable offline. */
function cachedTexts(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const texts: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				const type = response?.headers.get('content-type') ?? '';
				if (response && /json|html/.test(type)) texts.push(`${request.url}\n${await response.text()}`);
			}
		}
		return texts;
	});
}

test('a case cancelled before it was published is a 404 page, like a draft', async ({ page, request }) => {
	// Chengdu lies outside 上海市公安局's area: the ministry's duty officer drafts there (API.md "Police units").
	const officer = await signIn(request, 'demo-national-officer');
	const created = await police<{ id: string }>(request, officer, 'POST', '/api/police/cases', CHILD);
	expect(created.status).toBe(201);
	const id = created.body.id;
	const cancelled = await police(request, officer, 'POST', `/api/police/cases/${id}/cancel`, {
		reason: '误建'
	});
	expect(cancelled.status).toBe(200);

	const response = await page.goto(`/cases/${id}`);
	expect(response?.status()).toBe(404);
	await expect(page.getByTestId('error-message')).toHaveText('找不到这条警报，它可能已被撤销。');
	await expect(page.locator('body')).not.toContainText(CHILD.childName);
});

test('a published case cancelled as sent in error shows only that it was withdrawn, and leaves no cached copy', async ({
	page,
	request
}) => {
	const id = await publishCase(request, CHILD);
	await page.goto(`/cases/${id}`);
	await expect(page.getByTestId('case-page')).toContainText(CHILD.childName);
	await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, {
		timeout: 30_000
	});
	// Controlled now: this visit and its JSON go through the service worker's caches.
	await page.reload();
	await page.evaluate((caseId) => fetch(`/api/cases/${caseId}`).then((r) => r.text()), id);
	await expect
		.poll(async () => (await cachedTexts(page)).some((t) => t.includes(CHILD.childName)))
		.toBe(true);

	// Not the author (the ministry's duty officer drafted it): an approver of the unit it was handed to cancels.
	const officer = await signIn(request, 'demo-approver');
	const cancelled = await police(request, officer, 'POST', `/api/police/cases/${id}/cancel`, {
		reason: '误发'
	});
	expect(cancelled.status).toBe(200);

	await page.reload();
	const article = page.getByTestId('case-page');
	await expect(article).toHaveAttribute('data-status', 'cancelled');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('警报已撤销');
	await expect(page.locator('body')).not.toContainText(CHILD.childName);
	await expect(page.locator('body')).not.toContainText(CHILD.placeName);
	await expect(page.locator('meta[property="og:image"]')).toHaveCount(0);
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', '警报已撤销');
	await expect
		.poll(async () => (await cachedTexts(page)).filter((t) => t.includes(CHILD.childName)))
		.toEqual([]);
});

// Issue 18: nosniff on every answer, static assets included (the asset server answers them without the Worker,
// so they take it from the root `_headers` file).
test('static assets, pages and the Worker’s errors all carry X-Content-Type-Options: nosniff', async ({
	request
}) => {
	const home = await request.get('/');
	const script = /\/_app\/immutable\/[^"]+\.js/.exec(await home.text())?.[0];
	expect(script).toBeTruthy();
	for (const path of [
		'/',
		script!,
		'/favicon.svg',
		'/manifest.webmanifest',
		'/embed',
		'/feeds/nothing',
		'/api/live'
	]) {
		const answer = await request.get(path);
		expect(answer.headers()['x-content-type-options'], `${path} (${answer.status()})`).toBe('nosniff');
	}
});
