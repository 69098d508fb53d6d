import { expect, test, type Page } from '@playwright/test';
import { E2E_ORIGIN } from '../../playwright.config';
import { police, publishCase, signIn, uploadPhoto } from './support/police-api';
import { deliverPush } from './support/push';

const cached = (page: Page, path: string) => page.evaluate(async (p) => Boolean(await caches.match(p)), path);

test('a resolution message makes the phone drop the case’s cached page and photo, keeping only the “found” JSON', async ({
	page,
	context,
	request
}) => {
	await context.grantPermissions(['notifications'], { origin: E2E_ORIGIN });
	// Baotou, 10 km: no other spec subscribes there.
	const id = await publishCase(request, {
		childName: '白小禾',
		age: 8,
		sex: 'female',
		contactPhone: '0472-110',
		lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString(),
		placeName: '包头市昆都仑区',
		lat: 40.66,
		lon: 109.84,
		radiusKm: 10
	});
	const officer = await signIn(request, 'demo-officer');
	const photoUrl = await uploadPhoto(request, officer, id);

	await page.goto(`/cases/${id}`);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
	});
	// Controlled now: this visit goes through the service worker, which keeps the page and the photo.
	await page.reload();
	await expect(page.getByRole('img', { name: /白小禾/ })).toBeVisible();
	await expect.poll(() => cached(page, `/cases/${id}`)).toBe(true);
	await expect.poll(() => cached(page, photoUrl)).toBe(true);

	const resolved = await police(request, officer, 'POST', `/api/police/cases/${id}/resolve`, {
		outcome: 'found_safe',
		circumstance: 'lost'
	});
	expect(resolved.status).toBe(200);
	await deliverPush(
		page,
		JSON.stringify({
			kind: 'resolved',
			caseId: id,
			title: '已找到',
			body: '白小禾已找到',
			url: `/cases/${id}`
		})
	);
	await expect.poll(() => cached(page, `/cases/${id}`)).toBe(false);
	expect(await cached(page, photoUrl)).toBe(false);
	// The service worker forgets first and then reads the case again: the "found" JSON lands a moment later.
	const kept = () =>
		page.evaluate(
			async (path) => ((await (await caches.match(path))?.json()) as { status: string } | undefined)?.status,
			`/api/cases/${id}`
		);
	await expect.poll(kept).toBe('resolved');
	expect(await cached(page, photoUrl)).toBe(false);
});
