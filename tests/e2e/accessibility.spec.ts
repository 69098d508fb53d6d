import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// WCAG 2.1 A/AA rules that can be checked by machine: labels, names, contrast, landmarks, lang.
for (const path of ['/', '/regions', '/cases/demo-beijing', '/offline']) {
	test(`${path} has no WCAG A/AA violations axe can find`, async ({ page }) => {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
			// MapLibre's canvas is an interactive map, described by the container's label; its internals are the library's.
			.exclude('.maplibregl-canvas-container')
			.analyze();
		expect(
			results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
		).toEqual([]);
	});
}

test('the regions page works from the keyboard', async ({ page }) => {
	await page.goto('/regions');
	await page.keyboard.press('Tab'); // skip link
	await expect(page.getByText('跳到主要内容')).toBeFocused();
	const select = page.getByTestId('city-select');
	await select.focus();
	await select.selectOption('wuhan');
	await expect(page.getByTestId('region-list').locator('li')).toHaveCount(1);
	await expect(page.getByRole('button', { name: /删除区域/ })).toBeVisible();
});
