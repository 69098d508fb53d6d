import { expect, test, type Page } from '@playwright/test';
import { openConsole } from './support/console';

async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, {
		timeout: 30_000
	});
}

test('an officer types a place, picks it with the keyboard, and the pin lands there', async ({ browser }) => {
	const officer = await openConsole(browser, 'demo-officer');
	await officer.goto('/police/cases/new');
	const place = officer.getByRole('combobox', { name: '最后出现地点' });
	await place.fill('pudong');
	const option = officer.getByTestId('place-name-options').getByRole('option').first();
	await expect(option).toContainText('浦东新区');
	await place.press('ArrowDown');
	await expect(place).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
	await place.press('Enter');
	await expect(place).toHaveValue('上海市浦东新区');
	// The pin: GeoNames' Pudong, 31.24 N 121.50 E (within a few km of the district's centre).
	const pin = officer.getByTestId('map-pin');
	await expect(pin).toHaveAttribute('data-lat', /^31\.2/);
	await expect(pin).toHaveAttribute('data-lon', /^121\.5/);
	await expect(officer.getByLabel('纬度')).toHaveValue(/^31\.2/);

	// Coordinates copied from Amap (GCJ-02, lng,lat) become WGS-84: ~500 m west of what was pasted.
	await place.fill('116.39751,39.90696');
	await expect(officer.getByTestId('paste-note')).toContainText('WGS-84');
	await expect(officer.getByLabel('经度')).toHaveValue(/^116\.391/);
	// And the reverse lookup names the place the pin is in.
	await expect(place).toHaveValue(/北京市东城区/);
	await officer.context().close();
});

test('/regions finds 浦东 on the device with the network off, and names the region by its place', async ({
	page,
	context
}) => {
	await page.goto('/regions');
	await waitForServiceWorker(page);
	await page.reload(); // controlled by the service worker from here on
	const search = page.getByRole('combobox', { name: '搜索地点' });
	let indexStatus: number | null = null;
	page.on('response', (res) => {
		if (res.url().endsWith('/places/cn.txt')) indexStatus = res.status();
	});
	// The first focus loads the index (and the service worker keeps it); a focus before hydration is lost.
	await expect(async () => {
		await search.blur();
		await search.focus();
		expect(indexStatus).not.toBeNull();
	}).toPass({ timeout: 30_000 });
	expect(indexStatus).toBe(200);
	const typed: string[] = [];
	page.on('request', (req) => typed.push(req.url()));

	await context.setOffline(true);
	await page.reload();
	await page.getByRole('combobox', { name: '搜索地点' }).fill('浦东');
	await expect(page.getByRole('option').first()).toContainText('浦东新区');
	await page.getByRole('option').first().click();
	await expect(page.getByTestId('region-list').locator('input').first()).toHaveValue('浦东新区');
	// What was typed never went anywhere: no request carried it.
	expect(typed.filter((url) => decodeURIComponent(url).includes('浦东'))).toEqual([]);
	await context.setOffline(false);
});
