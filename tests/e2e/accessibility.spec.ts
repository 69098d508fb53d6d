import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { chooseCity } from './support/regions';

const PUBLIC_PAGES = [
	'/',
	'/regions',
	'/cases/demo-beijing',
	'/cases/demo-beijing/poster',
	'/stats',
	'/offline'
];

for (const path of PUBLIC_PAGES) {
	test(`${path} has no WCAG A/AA violations axe can find`, async ({ page }) => {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page);
	});
}

test('the clue form, opened from the notification and showing an error, has no violations axe can find', async ({
	page
}) => {
	await page.goto('/cases/demo-beijing#tip');
	const form = page.getByTestId('clue-form');
	await expect(page.getByLabel('您看到了什么')).toBeFocused();
	await page.getByLabel('地点描述（可选）').fill('东单公交站');
	await page.getByLabel('联系方式（可选）').fill('13912345678');
	// Sent without saying what was seen: refused on the page, nothing reaches the server.
	await form.getByRole('button', { name: '发送线索' }).click();
	await expect(form.getByText('请写下您看到了什么（不超过 2000 字）。')).toBeVisible();
	await expectNoAxeViolations(page);
});

// Lighthouse's Best Practices counts every console error and every issue the browser reports (a CSP violation
// among them, even one a library catches): these pages must load without any.
for (const path of ['/', '/regions', '/cases/demo-beijing', '/cases/demo-beijing/poster', '/stats']) {
	test(`${path} loads without console errors or CSP violations`, async ({ page }) => {
		const problems: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error') problems.push(`console: ${message.text()}`);
		});
		page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
		await page.addInitScript(() =>
			document.addEventListener('securitypolicyviolation', (event) =>
				console.error(`CSP ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`)
			)
		);
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		expect(problems).toEqual([]);
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
	// The map, shown on demand, takes the focus from its button (which goes away) rather than dropping it.
	await page.getByTestId('show-map').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('map').locator('canvas')).toBeFocused();
});
