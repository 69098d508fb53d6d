import { expect, test, type Page } from '@playwright/test';
import { publishCase } from './support/police-api';
import { deliverPush, shownNotifications } from './support/push';
import { chooseCity } from './support/regions';

function fields(childName: string) {
	return {
		childName,
		age: 10,
		sex: 'male',
		contactPhone: '110',
		lastSeenAt: new Date(Date.now() - 15 * 60_000).toISOString(),
		placeName: '上海徐家汇',
		lat: 31.1955,
		lon: 121.4365,
		radiusKm: 100
	};
}

/** Fires the service worker's `periodicsync` through the DevTools protocol, as the browser would. */
async function dispatchPeriodicSync(page: Page, tag: string): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const origin = new URL(page.url()).origin;
	const registrationId = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const active = registrations.find((r: { isDeleted: boolean }) => !r.isDeleted);
			if (active) resolve(active.registrationId);
		});
	});
	await cdp.send('Browser.grantPermissions', { origin, permissions: ['periodicBackgroundSync'] });
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
		origin,
		registrationId: await registrationId,
		tag
	});
}

test('periodic sync notifies a missed case and not one already shown by push', async ({
	browser,
	request
}) => {
	const context = await browser.newContext();
	await context.grantPermissions(['notifications']);
	const page = await context.newPage();
	await page.goto('/regions');
	await chooseCity(page, 'shanghai');
	// A page the service worker controls where no live socket runs: the app itself is "closed".
	await page.goto('/police/login');
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

	const missed = await publishCase(request, fields('漏报己'));
	const pushed = await publishCase(request, fields('推送庚'));
	await deliverPush(
		page,
		JSON.stringify({
			kind: 'alert',
			caseId: pushed,
			title: '推送庚的推送',
			body: '测试',
			url: `/cases/${pushed}`
		})
	);
	const tags = async () => (await shownNotifications(page)).map((n) => n.tag);
	await expect.poll(tags).toContain(pushed);

	await dispatchPeriodicSync(page, 'reunion-catch-up');
	await expect.poll(tags).toContain(missed);
	const shown = await shownNotifications(page);
	expect(shown.find((n) => n.tag === missed)?.body).toContain('漏报己');
	// The pushed case keeps the push's own notification: catch-up did not announce it again.
	expect(shown.filter((n) => n.tag === pushed).map((n) => n.title)).toEqual(['推送庚的推送']);
	await context.close();
});
