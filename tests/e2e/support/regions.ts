import { expect, type Page } from '@playwright/test';
import type { PeerSubscriber } from '../../support/push-peer';
import { stubPushManager } from './push';

/**
 * Picks a city on /regions. A change made before the page has hydrated is lost (the select then shows the
 * placeholder again), so it is retried until the region is listed.
 */
export async function chooseCity(page: Page, cityId: string): Promise<void> {
	const listed = page.getByTestId('region-list').locator('li');
	await expect(async () => {
		if ((await listed.count()) === 0) await page.getByTestId('city-select').selectOption(cityId);
		await expect(listed.first()).toBeVisible({ timeout: 2000 });
	}).toPass({ timeout: 30_000 });
}

/** A member of the public turns alerts on through /regions at a city, their browser's push going to `device`. */
export async function subscribeAtCity(page: Page, device: PeerSubscriber, cityId: string): Promise<void> {
	await stubPushManager(page.context(), { endpoint: device.endpoint, ...device.keys, privateKeyPem: '' });
	await page.context().grantPermissions(['notifications']);
	await page.goto('/regions');
	await chooseCity(page, cityId);
	await page.getByTestId('toggle-alerts').click();
	await expect(page.getByTestId('alert-state')).toContainText('警报通知已开启');
}

/**
 * Shows /regions' on-demand map. A click before the page has hydrated is lost (the button is server-rendered), so
 * it is clicked again while the button is still there.
 */
export async function showMap(page: Page): Promise<void> {
	const button = page.getByTestId('show-map');
	await expect(async () => {
		if (await button.isVisible()) await button.click();
		await expect(page.getByTestId('map')).toBeVisible({ timeout: 2000 });
	}).toPass({ timeout: 30_000 });
}
