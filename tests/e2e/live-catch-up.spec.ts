import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { publishCase } from './support/police-api';
import { deliverPush, shownNotifications } from './support/push';
import { chooseCity } from './support/regions';

const CASE = {
	age: 9,
	sex: 'female',
	contactPhone: '110',
	placeName: '上海虹桥',
	lat: 31.1979,
	lon: 121.3363,
	radiusKm: 100
};

function fields(childName: string) {
	return { ...CASE, childName, lastSeenAt: new Date(Date.now() - 20 * 60_000).toISOString() };
}

function banner(page: Page, caseId: string) {
	return page.locator(`[data-testid="live-banner"][data-case-id="${caseId}"]`);
}

async function openHome(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByTestId('live-alerts')).toHaveAttribute('data-synced', 'true');
	return page;
}

test('every app open announces a case published while the app was closed, once', async ({
	browser,
	request
}) => {
	const context = await browser.newContext();
	const setup = await context.newPage();
	await setup.goto('/regions');
	await chooseCity(setup, 'shanghai');
	await setup.close();

	const caseId = await publishCase(request, fields('补报丁'));
	const first = await openHome(context);
	await expect(banner(first, caseId)).toHaveAttribute('data-kind', 'alert');
	await first.close();

	const second = await openHome(context);
	await expect(second.getByTestId('alert-card').filter({ hasText: '补报丁' })).toBeVisible();
	await expect(banner(second, caseId)).toHaveCount(0);
	await context.close();
});

test('a case already shown live is not announced again when its push arrives', async ({
	browser,
	request
}) => {
	const context = await browser.newContext();
	await context.grantPermissions(['notifications']);
	const setup = await context.newPage();
	await setup.goto('/regions');
	await chooseCity(setup, 'shanghai');
	const page = await openHome(context);
	await setup.close();
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

	const caseId = await publishCase(request, fields('推送戊'));
	await expect(banner(page, caseId)).toBeVisible({ timeout: 15_000 });
	const push = (id: string, title: string) =>
		JSON.stringify({ kind: 'alert', caseId: id, title, body: '测试', url: `/cases/${id}` });
	await deliverPush(page, push(caseId, '重复的推送'));
	await deliverPush(page, push('case-never-shown', '新的推送'));
	await expect
		.poll(async () => (await shownNotifications(page)).map((n) => n.tag))
		.toContain('case-never-shown');
	expect((await shownNotifications(page)).map((n) => n.tag)).not.toContain(caseId);
	await context.close();
});
