import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { police, publishCase, signIn } from './support/police-api';
import { deliverPush, shownNotifications, startPushPeer } from './support/push';
import { chooseCity, subscribeAtCity } from './support/regions';

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

test('an alert and an update that arrive both live and by push are each announced once', async ({
	page,
	request
}) => {
	const peer = await startPushPeer(request);
	try {
		await subscribeAtCity(page, peer.register('both-paths'), 'shanghai');
		await page.goto('/');
		await expect(page.getByTestId('live-alerts')).toHaveAttribute('data-synced', 'true');
		// What the server really pushed to this device (decrypted by the peer), handed to the service worker.
		const pushed = async (caseId: string, kind: string) => {
			await expect.poll(() => peer.received.filter((m) => isPush(m.payload, caseId, kind)).length).toBe(1);
			return JSON.stringify(peer.received.find((m) => isPush(m.payload, caseId, kind))!.payload);
		};

		const caseId = await publishCase(request, fields('两路己'));
		await expect(banner(page, caseId)).toHaveAttribute('data-kind', 'alert', { timeout: 15_000 });
		await deliverPush(page, await pushed(caseId, 'alert'));

		const officer = await signIn(request, 'demo-officer');
		const update = await police(request, officer, 'POST', `/api/police/cases/${caseId}/updates`, {
			text: '两路同一条进展'
		});
		expect(update.status).toBe(201);
		await expect(banner(page, caseId)).toHaveAttribute('data-kind', 'update', { timeout: 15_000 });
		await deliverPush(page, await pushed(caseId, 'update'));

		// A push for a case never shown proves the service worker has handled the ones before it.
		await deliverPush(
			page,
			JSON.stringify({ kind: 'alert', caseId: 'sentinel', title: '新的推送', body: '测试', url: '/' })
		);
		await expect.poll(async () => (await shownNotifications(page)).map((n) => n.tag)).toContain('sentinel');
		expect((await shownNotifications(page)).map((n) => n.tag)).not.toContain(caseId);
		await expect(banner(page, caseId)).toHaveCount(1);
	} finally {
		await peer.close();
	}
});

function isPush(payload: unknown, caseId: string, kind: string): boolean {
	const message = payload as { caseId?: string; kind?: string } | null;
	return message?.caseId === caseId && message.kind === kind;
}
