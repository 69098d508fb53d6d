import { expect, type Page } from '@playwright/test';

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
