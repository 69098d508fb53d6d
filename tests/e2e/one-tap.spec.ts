import { expect, test } from '@playwright/test';

const SHANGHAI = { latitude: 31.2304, longitude: 121.4737 };

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
