import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { chooseCity } from './support/regions';

for (const path of ['/', '/regions', '/cases/demo-beijing', '/offline']) {
	test(`${path} has no WCAG A/AA violations axe can find`, async ({ page }) => {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page);
	});
}

test('the console’s sign-in page has no WCAG A/AA violations axe can find', async ({ page }) => {
	await page.goto('/police/login');
	await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the regions page works from the keyboard', async ({ page }) => {
	await page.goto('/regions');
	await page.keyboard.press('Tab'); // skip link
	await expect(page.getByText('跳到主要内容')).toBeFocused();
	const select = page.getByTestId('city-select');
	await select.focus();
	await chooseCity(page, 'wuhan');
	await expect(page.getByTestId('region-list').locator('li')).toHaveCount(1);
	await expect(page.getByRole('button', { name: /删除区域/ })).toBeVisible();
});
