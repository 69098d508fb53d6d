import { expect, test } from '@playwright/test';
import { encodeGeohash } from '../../src/lib/geo';
import { queryLocalD1 } from './support/db';
import { createSubscriber, stubPushManager } from './support/push';

const SHANGHAI = { latitude: 31.2304, longitude: 121.4737 };

test('from a fresh context one tap asks for notifications, then the location, and ends with a stored region and subscription', async ({
	browser
}) => {
	const context = await browser.newContext();
	const subscriber = createSubscriber(`http://127.0.0.1:9/one-tap/${crypto.randomUUID()}`);
	await stubPushManager(context, subscriber);
	await context.grantPermissions(['notifications', 'geolocation']);
	await context.setGeolocation(SHANGHAI);
	// The order of the browser's prompts: iOS shows the notification prompt only inside the tap itself.
	await context.addInitScript(() => {
		const order: string[] = [];
		(window as unknown as { __prompts: string[] }).__prompts = order;
		const ask = Notification.requestPermission.bind(Notification);
		Notification.requestPermission = () => (order.push('notifications'), ask());
		const locate = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
		navigator.geolocation.getCurrentPosition = (...args) => (order.push('location'), locate(...args));
	});
	const page = await context.newPage();
	await page.goto('/');
	await page.getByTestId('get-alerts').click();
	await expect(page.getByTestId('alerts-state')).toContainText('警报通知已开启');
	await expect(page.getByText('我的区域：区域 1')).toBeVisible();
	// Subscribing asks again later, answered at once now that permission is granted: only the first two count.
	const prompts = await page.evaluate(() => (window as unknown as { __prompts: string[] }).__prompts);
	expect(prompts.slice(0, 2)).toEqual(['notifications', 'location']);
	// The server holds the subscription with the region as a geohash-5 cell; the exact point stays here.
	const rows = queryLocalD1<{ geohash: string }>(
		`SELECT geohash FROM subscription_regions WHERE endpoint = '${subscriber.endpoint}'`
	);
	expect(rows.map((row) => row.geohash)).toEqual([encodeGeohash(SHANGHAI.latitude, SHANGHAI.longitude, 5)]);
	// Reloaded, the page still knows the region and that alerts are on.
	await page.reload();
	await expect(page.getByTestId('alerts-state')).toContainText('警报通知已开启');
	await context.close();
});

test('without a Push API, the one tap still saves the region so live alerts and catch-up work', async ({
	browser
}) => {
	const context = await browser.newContext();
	await context.addInitScript(() => {
		delete (window as { PushManager?: unknown }).PushManager;
	});
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation(SHANGHAI);
	const page = await context.newPage();
	await page.goto('/');
	await page.getByTestId('get-alerts').click();
	await expect(page.getByTestId('alerts-state')).toContainText('保持本页打开');
	await expect(page.getByText('我的区域：区域 1')).toBeVisible();
	// The live socket follows the new region at once.
	await expect(page.getByTestId('live-alerts')).toHaveAttribute('data-synced', 'true');
	await context.close();
});

test('when the location is refused, the one tap offers the map or a city', async ({ browser }) => {
	const context = await browser.newContext();
	await context.addInitScript(() => {
		navigator.geolocation.getCurrentPosition = (_success, failure) =>
			failure?.({ code: 1, message: 'denied', PERMISSION_DENIED: 1 } as GeolocationPositionError);
	});
	const page = await context.newPage();
	await page.goto('/');
	await page.getByTestId('get-alerts').click();
	await expect(page.getByTestId('one-tap-result')).toHaveAttribute('data-outcome', 'noLocation');
	await page.getByTestId('one-tap-result').getByRole('link').click();
	await expect(page).toHaveURL(/\/regions$/);
	await context.close();
});
