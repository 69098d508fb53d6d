import { expect, test } from '@playwright/test';
import { statsSchema } from '../../src/lib/schemas/stats';
import { expectNoAxeViolations } from './support/axe';
import { police, publishCase, signIn } from './support/police-api';

// The figures themselves are checked against a hand-computed fixture in tests/integration/stats.test.ts;
// here the page must show exactly what the API says, as figures, a chart and a table.
test('the statistics page shows the API’s figures, a monthly chart and the same figures as a table; a found child’s page its own numbers', async ({
	page,
	request
}) => {
	// Somewhere no other spec subscribes (Xining, 10 km).
	const id = await publishCase(request, {
		childName: '韩小北',
		age: 9,
		sex: 'male',
		contactPhone: '0971-110',
		lastSeenAt: new Date(Date.now() - 90 * 60_000).toISOString(),
		placeName: '西宁市城东区',
		lat: 36.62,
		lon: 101.78,
		radiusKm: 10,
		circumstance: 'voluntary'
	});
	const officer = await signIn(request, 'demo-officer');
	expect(
		(
			await police(request, officer, 'POST', `/api/police/cases/${id}/resolve`, {
				outcome: 'found_safe',
				circumstance: 'voluntary'
			})
		).status
	).toBe(200);

	const stats = statsSchema.parse(await (await request.get('/api/stats')).json());
	expect(stats.resolved).toBeGreaterThanOrEqual(1);
	await page.goto('/');
	await page.getByRole('link', { name: '统计' }).click();
	await expect(page).toHaveURL(/\/stats$/);
	await expect(page.getByRole('heading', { level: 1, name: '找回统计' })).toBeVisible();
	await expect(page.getByTestId('stats-published')).toHaveText(String(stats.published));
	await expect(page.getByTestId('stats-resolved')).toHaveText(String(stats.resolved));
	const table = page.getByTestId('stats-table');
	await expect(table.locator('tbody tr')).toHaveCount(stats.monthly.length);
	const latest = stats.monthly.at(-1)!;
	const firstRow = table.locator('tbody tr').first();
	await expect(firstRow.locator('td').nth(0)).toHaveText(String(latest.published));
	await expect(firstRow.locator('td').nth(1)).toHaveText(String(latest.resolved));
	const chart = page.getByTestId('stats-chart');
	await expect(chart.locator('rect[data-kind="published"]')).toHaveCount(Math.min(24, stats.monthly.length));
	await expect(page.getByTestId('stats-circumstances')).toContainText('离家出走');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screenshots/statistics.png', fullPage: true });

	await page.goto(`/cases/${id}`);
	const numbers = page.getByTestId('case-numbers');
	await expect(numbers.getByTestId('case-tips')).toHaveText('0');
	// Found within the hour: minutes, never "0 小时".
	await expect(numbers.getByTestId('case-hours')).toHaveText(/^\d{1,2}分钟$/);
	await expect(page.getByTestId('clue-closed')).toBeVisible();
	// A found child's page says found, and when; no call to action, no time missing (issue 22).
	await expect(page.getByTestId('found-at')).toHaveText(/^已于 .+ 找到$/);
	await expect(page.getByTestId('call-police')).toHaveCount(0);
	await expect(page.getByTestId('have-clue')).toHaveCount(0);
	await expect(page.getByTestId('case-page')).not.toContainText(/前走失/);
	await page.screenshot({ path: 'test-results/screenshots/case-found.png', fullPage: true });
});
