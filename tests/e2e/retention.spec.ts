import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { localR2Has } from './support/db';
import { police, publishCase, signIn, uploadPhoto } from './support/police-api';

// A child's privacy after recovery (issue 9), with the Cron trigger's clock: RETENTION_DAYS (7, wrangler.toml)
// after the child is found, the photo leaves R2 and every surface, the name is reduced, and the phone that
// cached the case keeps no copy of it with the full name.
const RETENTION_MS = 7 * 24 * 3_600_000;
const CHILD = {
	childName: '欧阳安然',
	age: 9,
	sex: 'female',
	clothing: '蓝色校服',
	contactPhone: '0891-110',
	lastSeenAt: new Date(Date.now() - 40 * 60_000).toISOString(),
	placeName: '拉萨市城关区',
	lat: 29.65,
	lon: 91.13,
	radiusKm: 10
};
const REDUCED = '欧阳某';

async function cronAt(request: APIRequestContext, at: number): Promise<void> {
	const response = await request.get(`/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${at}`);
	expect(response.ok()).toBe(true);
}

/** Every cached JSON and HTML text with its URL, and every cached URL, across the service worker's caches. */
function deviceCache(page: Page): Promise<{ texts: string[]; urls: string[] }> {
	return page.evaluate(async () => {
		const texts: string[] = [];
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				urls.push(request.url);
				const response = await cache.match(request);
				const type = response?.headers.get('content-type') ?? '';
				if (response && /json|html/.test(type)) texts.push(`${request.url}\n${await response.text()}`);
			}
		}
		return { texts, urls };
	});
}

function metaContent(html: string, key: string): string | undefined {
	return new RegExp(`<meta\\s+(?:property|name)="${key}"\\s+content="([^"]*)"`).exec(html)?.[1];
}

test('retention with a controlled clock: photo gone from R2 and every surface, name reduced, device cache emptied', async ({
	page,
	request
}) => {
	const id = await publishCase(request, CHILD);
	const officer = await signIn(request, 'demo-officer');
	const photoUrl = await uploadPhoto(request, officer, id);
	const photoKey = photoUrl.replace(/^\/api\/photos\//, '');
	expect(localR2Has(photoKey)).toBe(true);

	// The phone reads the case while it is open: page, JSON and photo land in the service worker's caches.
	await page.goto(`/cases/${id}`);
	await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, {
		timeout: 30_000
	});
	await page.reload();
	await expect(page.getByRole('img', { name: new RegExp(CHILD.childName) })).toBeVisible();
	await page.evaluate((caseId) => fetch(`/api/cases/${caseId}`).then((r) => r.text()), id);
	await expect
		.poll(async () => {
			const { texts, urls } = await deviceCache(page);
			return texts.some((t) => t.includes(CHILD.childName)) && urls.some((u) => u.endsWith(photoUrl));
		})
		.toBe(true);

	const resolved = await police(request, officer, 'POST', `/api/police/cases/${id}/resolve`, {
		outcome: 'found_safe',
		circumstance: 'voluntary'
	});
	expect(resolved.status).toBe(200);
	const found = (await (await request.get(`/api/cases/${id}`)).json()) as { resolvedAt: string };
	const resolvedAt = Date.parse(found.resolvedAt);

	// A minute before the period ends nothing changes; a minute after, everything does.
	await cronAt(request, resolvedAt + RETENTION_MS - 60_000);
	expect(localR2Has(photoKey)).toBe(true);
	await cronAt(request, resolvedAt + RETENTION_MS + 60_000);

	expect(localR2Has(photoKey)).toBe(false);
	expect((await request.get(photoUrl)).status()).toBe(404);
	const json = (await (await request.get(`/api/cases/${id}`)).json()) as Record<string, unknown>;
	expect(json).toMatchObject({ status: 'resolved', childName: REDUCED, photoUrl: null, clothing: null });
	expect(JSON.stringify(json)).not.toContain(CHILD.childName);

	// What a crawler reads: the server's HTML and its share tags; the poster in both forms.
	const html = await (await request.get(`/cases/${id}`)).text();
	expect(html).not.toContain(CHILD.childName);
	expect(html).not.toContain(photoUrl);
	expect(metaContent(html, 'og:title')).toContain(REDUCED);
	expect(metaContent(html, 'twitter:title')).toContain(REDUCED);
	expect(metaContent(html, 'og:image')).toBeUndefined();
	for (const poster of [`/cases/${id}/poster`, `/cases/${id}/poster.svg`]) {
		const body = await (await request.get(poster)).text();
		expect(body, poster).toContain(REDUCED);
		expect(body, poster).not.toContain(CHILD.childName);
		expect(body, poster).not.toContain(CHILD.clothing);
	}

	// Lists and the widget: include=closed still lists the case (found within the day), reduced; the iframe
	// widget shows it with a signature that verifies, so it was re-made over the reduced JSON.
	const closed = (await (
		await request.get(`/api/alerts?lat=${CHILD.lat}&lon=${CHILD.lon}&include=closed`)
	).json()) as { alerts: Array<Record<string, unknown>> };
	expect(closed.alerts.find((a) => a.id === id)).toMatchObject({ childName: REDUCED, photoUrl: null });
	expect(JSON.stringify(closed)).not.toContain(CHILD.childName);
	await page.goto(`/embed?lat=${CHILD.lat}&lon=${CHILD.lon}&lang=zh-CN`);
	const item = page.locator('reunion-alerts li', { hasText: REDUCED });
	await expect(item.locator('[data-verified="true"]')).toBeVisible();
	await expect(page.locator('reunion-alerts')).not.toContainText(CHILD.childName);

	// The phone sees the case again: it shows the reduced name, and no cached page, JSON or photo keeps the child.
	await page.goto(`/cases/${id}`);
	await expect(page.getByTestId('case-page')).toContainText(REDUCED);
	await expect(page.getByTestId('retained')).toBeVisible();
	await expect(page.getByTestId('case-page')).not.toContainText(CHILD.childName);
	await expect
		.poll(async () => {
			const { texts, urls } = await deviceCache(page);
			return {
				withName: texts.filter((t) => t.includes(CHILD.childName)).map((t) => t.split('\n')[0]),
				photos: urls.filter((u) => u.includes(`/cases/${id}/`) && u.includes('/api/photos/'))
			};
		})
		.toEqual({ withName: [], photos: [] });
	// What stays is the outcome, reduced (stored just after the copies are dropped).
	const kept = () =>
		page.evaluate(
			async (path) =>
				((await (await caches.match(path))?.json()) as { childName?: string } | undefined)?.childName,
			`/api/cases/${id}`
		);
	await expect.poll(kept).toBe(REDUCED);
});
