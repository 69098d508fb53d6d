import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { openConsole } from './support/console';
import { queryLocalD1 } from './support/db';
import { samplePng } from './support/images';
import { police, publishCase, signIn } from './support/police-api';

// Clues from the case page (issue 9). Every case here is in Lanzhou with a 10 km radius, so no other spec's
// subscriber is alerted; each spec sends few tips, since the e2e server sees one client address (10 per 10 min).
const REFERENCE = /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/;

function lanzhouCase(request: Parameters<typeof publishCase>[0], childName: string) {
	return publishCase(request, {
		childName,
		age: 7,
		sex: 'female',
		contactPhone: '0931-110',
		lastSeenAt: new Date(Date.now() - 20 * 60_000).toISOString(),
		placeName: '兰州市城关区 东方红广场',
		lat: 36.06,
		lon: 103.83,
		radiusKm: 10
	});
}

const photo = { name: 'seen.png', mimeType: 'image/png', buffer: samplePng() };

async function tipsOf(caseId: string) {
	return queryLocalD1<{ reference: string; message: string; place: string | null; photo_key: string | null }>(
		`SELECT reference, message, place, photo_key FROM tips WHERE case_id = '${caseId}' ORDER BY created_at`
	);
}

/**
 * The browser's own Background Sync would fire at once (its network never went down, only the page's):
 * record the page's requests instead; the test fires the service worker's sync event itself when it wants.
 */
async function recordSyncRequests(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		const tags: string[] = [];
		(window as unknown as { __syncTags: string[] }).__syncTags = tags;
		const manager = (window as unknown as { SyncManager?: { prototype: { register: unknown } } }).SyncManager;
		if (manager)
			manager.prototype.register = async (tag: string) => {
				tags.push(tag);
			};
	});
}

async function serviceWorkerReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
	});
}

test('a clue with a place and a photo, sent from the case page, reaches the police inbox with its photo', async ({
	page,
	request,
	browser
}) => {
	const id = await lanzhouCase(request, '马小雨');
	await page.goto(`/cases/${id}#tip`);
	const form = page.getByTestId('clue-form');
	// The notification's "I have a clue" lands in the first field.
	await expect(page.getByLabel('您看到了什么')).toBeFocused();
	// "When" starts at now, on the force's clock (Asia/Shanghai), and says so.
	const now = new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Asia/Shanghai',
		dateStyle: 'short'
	}).format(new Date());
	await expect(page.getByLabel('什么时候看到的')).toHaveValue(new RegExp(`^${now}T\\d\\d:\\d\\d$`));
	await expect(form.getByText('按 UTC+8 时间填写')).toBeVisible();

	// Sending nothing: the reader's language, on the field, nothing sent.
	await form.getByRole('button', { name: '发送线索' }).click();
	await expect(page.getByLabel('您看到了什么')).toBeFocused();
	await expect(form.getByText('请写下您看到了什么（不超过 2000 字）。')).toBeVisible();

	await page.getByLabel('您看到了什么').fill('在公交站看到一个穿红外套的女孩，和一个戴帽子的男人在一起');
	await expect(form.getByText('请写下您看到了什么（不超过 2000 字）。')).toHaveCount(0);
	await page.getByTestId('clue-map-toggle').click();
	const map = form.getByTestId('map');
	await expect(map).toHaveAttribute('data-ready', 'true');
	const box = (await map.boundingBox())!;
	await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
	await expect(page.getByTestId('clue-point')).toContainText('已选位置');
	await page.getByLabel('地点描述（可选）').fill('东方红广场公交站');
	await page.getByLabel('照片（可选）').setInputFiles(photo);
	await expect(page.getByTestId('clue-photo-preview')).toBeVisible();
	await page.getByLabel('联系方式（可选）').fill('13912345678');
	await expectNoAxeViolations(page, '[data-testid="tip-section"]');
	await page.screenshot({ path: 'test-results/screenshots/clue-form.png', fullPage: true });

	await form.getByRole('button', { name: '发送线索' }).click();
	const sent = page.getByTestId('clue-sent');
	await expect(sent).toBeVisible();
	const reference = (await sent.getByTestId('clue-reference').textContent())!.trim();
	expect(reference).toMatch(REFERENCE);
	await expect(sent).toContainText('0931-110');
	await expect(page.getByTestId('clue-item')).toHaveAttribute('data-state', 'sent');
	await expect(page.getByTestId('clue-item')).toContainText(reference);
	await page.screenshot({ path: 'test-results/screenshots/clue-sent.png', fullPage: true });

	const [stored] = await tipsOf(id);
	expect(stored).toMatchObject({ reference, place: '东方红广场公交站' });
	expect(stored!.photo_key).toMatch(new RegExp(`^tips/${id}/`));

	const officer = await openConsole(browser, 'demo-officer');
	await officer.goto(`/police/cases/${id}`);
	const tip = officer.getByTestId('tips-inbox').getByTestId('tip');
	await expect(tip).toContainText(reference);
	await expect(tip).toContainText('东方红广场公交站');
	const image = tip.getByTestId('tip-photo');
	await expect(image).toBeVisible();
	await expect
		.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBeGreaterThan(0);
	// The photo is the officer's alone: the public page's browser cannot fetch it.
	const photoUrl = (await image.getAttribute('src'))!;
	expect((await page.request.get(photoUrl)).status()).toBe(401);
});

test('a clue for a case closed meanwhile is refused in words, and everything typed stays', async ({
	page,
	request
}) => {
	const id = await lanzhouCase(request, '马小风');
	await page.goto(`/cases/${id}`);
	await page.getByLabel('您看到了什么').fill('好像在学校门口见过');
	await page.getByLabel('地点描述（可选）').fill('第一小学');
	const officer = await signIn(request, 'demo-officer');
	const resolved = await police(request, officer, 'POST', `/api/police/cases/${id}/resolve`, {
		outcome: 'found_safe',
		circumstance: 'lost'
	});
	expect(resolved.status).toBe(200);

	await page.getByRole('button', { name: '发送线索' }).click();
	await expect(page.getByText('此案件已结束，不再接收线索。')).toBeFocused();
	await expect(page.getByLabel('您看到了什么')).toHaveValue('好像在学校门口见过');
	await expect(page.getByLabel('地点描述（可选）')).toHaveValue('第一小学');
	await expect(page.getByTestId('clue-outbox')).toHaveCount(0);

	await page.reload();
	await expect(page.getByTestId('clue-closed')).toHaveText(
		'孩子已找到，此案件不再接收线索。感谢每一位帮忙的人！'
	);
	await expect(page.getByTestId('clue-form')).toHaveCount(0);
});

test('clues written offline wait on the phone with their photo, then go by Background Sync or the online event', async ({
	page,
	context,
	request
}) => {
	await recordSyncRequests(context);
	const id = await lanzhouCase(request, '马小云');
	await page.goto(`/cases/${id}`);
	await serviceWorkerReady(page);

	// Offline for the page alone: context.setOffline would cut the service worker off too, and in real life
	// the sync event comes exactly when the worker can reach the network again.
	const pageCdp = await context.newCDPSession(page);
	const pageOffline = (offline: boolean) =>
		pageCdp.send('Network.emulateNetworkConditions', {
			offline,
			latency: 0,
			downloadThroughput: -1,
			uploadThroughput: -1
		});
	await pageCdp.send('Network.enable');
	await pageOffline(true);
	await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
	await page.getByLabel('您看到了什么').fill('离线写的线索：在火车站候车室');
	await page.getByLabel('照片（可选）').setInputFiles(photo);
	await expect(page.getByTestId('clue-photo-preview')).toBeVisible();
	await page.getByRole('button', { name: '发送线索' }).click();
	await expect(page.getByTestId('clue-saved')).toBeVisible();
	const waiting = page.getByTestId('clue-item');
	await expect(waiting).toHaveAttribute('data-state', 'waiting');
	await expect(waiting).toContainText('等待联网后发送');
	await expect(waiting).toContainText('附照片');
	expect(await page.evaluate(() => (window as unknown as { __syncTags: string[] }).__syncTags)).toEqual([
		'reunion-clues'
	]);
	await page.screenshot({ path: 'test-results/screenshots/clue-offline.png', fullPage: true });
	expect(await tipsOf(id)).toEqual([]);

	// Background Sync: the service worker sends it while the page is still offline.
	const cdp = await context.newCDPSession(page);
	const registrationId = new Promise<string>((resolve) =>
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const active = registrations.find((r: { isDeleted: boolean }) => !r.isDeleted);
			if (active) resolve(active.registrationId);
		})
	);
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.dispatchSyncEvent', {
		origin: new URL(page.url()).origin,
		registrationId: await registrationId,
		tag: 'reunion-clues',
		lastChance: false
	});
	await expect(waiting).toHaveAttribute('data-state', 'sent');
	const [first] = await tipsOf(id);
	expect(first).toMatchObject({ message: '离线写的线索：在火车站候车室' });
	expect(first!.photo_key).toMatch(/^tips\//);
	await expect(waiting).toContainText(`已发送 · 编号 ${first!.reference}`);
	await page.screenshot({ path: 'test-results/screenshots/clue-offline-sent.png', fullPage: true });

	// No Background Sync: the page's `online` event sends the next one.
	await pageOffline(false);
	await context.setOffline(true);
	await page.getByLabel('您看到了什么').fill('第二条：在汽车站');
	await page.getByRole('button', { name: '发送线索' }).click();
	await expect(page.getByTestId('clue-item').first()).toHaveAttribute('data-state', 'waiting');
	await context.setOffline(false);
	await expect(page.getByTestId('clue-item').first()).toHaveAttribute('data-state', 'sent');
	const both = await tipsOf(id);
	expect(both.map((t) => t.message)).toEqual(['离线写的线索：在火车站候车室', '第二条：在汽车站']);
	await expect(page.getByTestId('clue-item').first()).toContainText(both[1]!.reference);
});

test('a send whose answer was lost is retried with the same clientId and stores one tip', async ({
	page,
	context,
	request
}) => {
	await recordSyncRequests(context);
	const id = await lanzhouCase(request, '马小星');
	await page.goto(`/cases/${id}`);
	// The request reaches the server, which stores the tip; the answer never comes back.
	let attempts = 0;
	await page.route(`**/api/cases/${id}/tips`, async (route) => {
		attempts++;
		await route.fetch();
		await route.abort('connectionreset');
	});
	await page.getByLabel('您看到了什么').fill('回答丢失的线索');
	await page.getByRole('button', { name: '发送线索' }).click();
	await expect(page.getByTestId('clue-item')).toHaveAttribute('data-state', 'waiting');
	expect(attempts).toBe(1);
	expect(await tipsOf(id)).toHaveLength(1);

	await page.unroute(`**/api/cases/${id}/tips`);
	// The next visit sends what is waiting.
	await page.reload();
	await expect(page.getByTestId('clue-item')).toHaveAttribute('data-state', 'sent');
	const tips = await tipsOf(id);
	expect(tips).toHaveLength(1);
	await expect(page.getByTestId('clue-item')).toContainText(tips[0]!.reference);
});
