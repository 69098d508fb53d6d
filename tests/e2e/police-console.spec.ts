import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { E2E_ORIGIN } from '../../playwright.config';
import { encodeGeohash } from '../../src/lib/geo';
import { deliverPush, shownNotifications, startPushPeer } from './support/push';
import { expectNoAxeViolations } from './support/axe';
import { openConsole } from './support/console';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** A console page's own API call: its session cookie, the Origin the API asks for. */
const api = (page: Page, method: string, path: string, data?: unknown) =>
	page.request.fetch(path, { method, headers: { Origin: E2E_ORIGIN }, data });

test('an officer drafts and submits; the author cannot approve; a second officer approves after typing the name', async ({
	browser
}) => {
	// The ministry's duty officer: the point below lies outside 上海市公安局's area (API.md "Police units").
	const officer = await openConsole(browser, 'demo-national-officer');
	await expect(officer).toHaveTitle('案件 · 警务控制台');
	await officer.getByTestId('new-case').click();
	await expect(officer).toHaveTitle('新建案件 · 警务控制台');
	await officer.getByLabel('儿童姓名').fill('林小北');
	await officer.getByLabel('年龄').fill('9');
	await officer.getByLabel('性别').selectOption('male');
	await officer.getByRole('combobox', { name: '最后出现地点' }).fill('南京市鼓楼区');
	// Without a point Save is off, and says why; typed coordinates are the way in without the map.
	const save = officer.getByRole('button', { name: '保存草稿' });
	await expect(save).toBeDisabled();
	await expect(save).toHaveAccessibleDescription(/请先在地图上点击或填写经纬度/);
	// Far from every other spec's subscribers: a case here must not reach them when the radius grows later.
	await officer.getByLabel('纬度').fill('35.1');
	await officer.getByLabel('经度').fill('110.1');
	await expect(officer.getByTestId('chosen-point')).toHaveText('已选位置：纬度 35.1，经度 110.1');
	await expect(officer.getByTestId('map-pin')).toHaveAttribute('data-lat', '35.1');
	const map = officer.getByTestId('map');
	await expect(map).toHaveAttribute('data-ready', 'true');
	const box = (await map.boundingBox())!;
	await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
	// The pin the map dropped and the typed coordinates stay one point.
	const pin = officer.getByTestId('map-pin');
	await expect(pin).not.toHaveAttribute('data-lat', '35.1');
	await expect(officer.getByLabel('纬度')).toHaveValue((await pin.getAttribute('data-lat'))!);
	await expect(officer.getByLabel('经度')).toHaveValue((await pin.getAttribute('data-lon'))!);
	await expect(officer.getByTestId('audience')).toBeVisible();
	// datetime-local has no zone of its own: the field says whose clock it is (the browser runs on Shanghai's).
	const lastSeen = officer.getByLabel('走失时间');
	await expect(lastSeen).toHaveAccessibleDescription('本地时间，UTC+8');
	// The API's complaint lands on the field it names, in words, with focus; never as a raw path.
	await lastSeen.fill('2099-01-01T10:00');
	await save.click();
	await expect(lastSeen).toHaveAttribute('aria-invalid', 'true');
	await expect(lastSeen).toBeFocused();
	await expect(lastSeen).toHaveAccessibleDescription(/“走失时间”未被接受，请检查后重试。/);
	await expect(officer.getByTestId('case-editor')).not.toContainText('lastSeenAt');
	await expectNoAxeViolations(officer, '[data-testid="case-editor"]');
	await lastSeen.fill('2026-01-01T09:30');
	// Each schedule step is a named group, so its two inputs are told apart; removing one keeps focus nearby.
	const schedule = officer.getByTestId('radius-schedule-editor');
	await expect(schedule.getByRole('group', { name: '第 1 步' }).getByLabel('扩大到（公里）')).toHaveValue(
		'200'
	);
	await schedule.getByRole('button', { name: '删除第 3 步' }).click();
	await expect(schedule.getByRole('button', { name: '删除第 2 步' })).toBeFocused();
	await expect(schedule.getByRole('group', { name: '第 3 步' })).toHaveCount(0);
	await officer.screenshot({ path: `${SCREENSHOTS}/police-editor.png`, fullPage: true });
	await save.click();
	await expect(officer.getByTestId('police-case-title')).toContainText('林小北 · 草稿');
	// A real JPEG with an EXIF GPS block: through the console (resized in the browser) and straight to the API.
	const withGps = await officer.evaluate(async () => {
		const canvas = Object.assign(document.createElement('canvas'), { width: 300, height: 400 });
		canvas.getContext('2d')!.fillRect(0, 0, 300, 400);
		const jpeg = new Uint8Array(
			await (await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg'))).arrayBuffer()
		);
		const exif = new TextEncoder().encode('Exif\0\0GPSLatitude 39.9042 N');
		const app1 = new Uint8Array([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 255, ...exif]);
		return [...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)];
	});
	// A refusal names its cause: "too large" is not "try another JPEG".
	await officer.route('**/photo', (route) =>
		route.fulfill({ status: 413, json: { error: { code: 'too_large', message: 'too large' } } })
	);
	const photoInput = officer.getByTestId('photo-input');
	await photoInput.setInputFiles({ name: 'child.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(withGps) });
	await expect(officer.getByRole('alert')).toHaveText('照片太大（最大 5 MB），请换一张较小的图片。');
	await officer.unroute('**/photo');
	await photoInput.setInputFiles({ name: 'child.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(withGps) });
	await expect(officer.locator('.photo img')).toBeVisible();
	const caseId = officer.url().split('/').at(-1)!;
	const direct = await officer.evaluate(
		async ([id, bytes]) =>
			(
				await fetch(`/api/police/cases/${id}/photo`, {
					method: 'PUT',
					headers: { 'Content-Type': 'image/jpeg' },
					body: new Uint8Array(bytes)
				})
			).json(),
		[caseId, withGps] as const
	);
	const served = Buffer.from(
		await (await officer.request.get((direct as { photoUrl: string }).photoUrl)).body()
	);
	expect(served.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
	expect(served.includes('GPSLatitude')).toBe(false);
	expect(Buffer.from(withGps).includes('GPSLatitude')).toBe(true);
	await officer.reload();
	await expect(officer.getByText(/\d{2}:\d{2} UTC\+8/).first()).toBeVisible();

	// A refused submit says so next to the button instead of doing nothing.
	await officer.route('**/submit', (route) =>
		route.fulfill({ status: 409, json: { error: { code: 'conflict', message: 'stale' } } })
	);
	await officer.getByTestId('submit-case').click();
	await expect(officer.getByTestId('submit-problem')).toHaveText('案件已被修改，请刷新后重新审核。');
	await officer.unroute('**/submit');
	await officer.getByTestId('submit-case').click();
	await expect(officer.getByTestId('police-case-title')).toContainText('待审核');
	await expect(officer.getByTestId('approve')).toHaveCount(0);
	await expect(officer.getByTestId('awaiting')).toBeVisible();
	const caseUrl = officer.url();
	expect(caseUrl).toMatch(/\/police\/cases\/c-/);

	// A member of the public near the pin: their phone is the push peer's device, their browser a fresh context.
	const draft = (await (await officer.request.get(`/api/police/cases/${caseId}`)).json()) as {
		lat: number;
		lon: number;
	};
	const peer = await startPushPeer(officer.request);
	const device = peer.register('public-phone');
	const subscribed = await officer.request.post('/api/subscriptions', {
		headers: { Origin: E2E_ORIGIN },
		data: {
			subscription: { endpoint: device.endpoint, keys: device.keys },
			regions: [encodeGeohash(draft.lat, draft.lon, 5)]
		}
	});
	expect(subscribed.status()).toBe(201);

	const approver = await openConsole(browser, 'demo-national-approver');
	await approver.goto(caseUrl);
	await expect(approver.getByTestId('approval')).toContainText('儿童走失警报：林小北，9 岁');
	await expect(approver.getByTestId('approve')).toBeDisabled();
	await approver.getByTestId('confirm-name').fill('林小北');
	await approver.screenshot({ path: `${SCREENSHOTS}/police-approval.png`, fullPage: true });
	await approver.getByTestId('approve').click();
	await expect(approver.getByTestId('police-case-title')).toContainText('寻找中');
	await expect(approver.getByTestId('deliveries')).toBeVisible();

	try {
		await expect.poll(() => peer.received.length, { timeout: 30_000 }).toBe(1);
		const phone = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'zh-CN' });
		await phone.grantPermissions(['notifications']);
		const phonePage = await phone.newPage();
		await phonePage.goto('/');
		await phonePage.evaluate(() => navigator.serviceWorker.ready);
		await deliverPush(phonePage, JSON.stringify(peer.received[0]!.payload));
		await expect
			.poll(async () => (await shownNotifications(phonePage)).map((n) => n.title).join('|'))
			.toContain('林小北');
		await phone.close();
	} finally {
		await peer.close();
	}

	// A new sighting, reported from the console, shows on the public case page.
	const update = approver.getByTestId('update-form');
	await update.getByLabel('进展内容').fill('有人在新街口看到孩子');
	await update.getByTestId('report-sighting').check();
	await update.getByLabel('目击地点', { exact: true }).fill('南京市新街口');
	await update.getByLabel('目击时间').fill('2026-01-01T10:00');
	const updatePosts: string[] = [];
	approver.on('request', (r) => {
		if (r.url().endsWith('/updates') && r.method() === 'POST') updatePosts.push(r.url());
	});
	// Ticked but no point on the map: the sighting would be dropped, so nothing is sent and the form says why.
	await update.getByRole('button', { name: '发布进展' }).click();
	await expect(update.getByRole('alert')).toHaveText(/请在地图上点击目击位置/);
	expect(updatePosts).toHaveLength(0);
	const sightingMap = update.getByTestId('map');
	await expect(sightingMap).toHaveAttribute('data-ready', 'true');
	const mapBox = (await sightingMap.boundingBox())!;
	await sightingMap.click({ position: { x: mapBox.width / 2, y: mapBox.height / 2 } });
	const posted = approver.waitForResponse(
		(r) => r.url().endsWith('/updates') && r.request().method() === 'POST'
	);
	// A double click is one update on every phone, not two.
	await update.getByRole('button', { name: '发布进展' }).dblclick();
	expect((await posted).status()).toBe(201);
	await expect(update.getByLabel('进展内容')).toHaveValue('');
	expect(updatePosts).toHaveLength(1);
	await approver.goto(caseUrl.replace('/police/cases/', '/cases/'));
	await expect(approver.getByTestId('sighting')).toContainText('新的目击：南京市新街口');

	const headers = (await approver.request.get(caseUrl)).headers();
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('the console sends a visitor without a session to sign-in, and a wrong password gets one generic message', async ({
	page
}) => {
	await page.goto('/police/cases/new');
	await expect(page).toHaveURL(/\/police\/login\?next=%2Fpolice%2Fcases%2Fnew/);
	await page.getByLabel('用户名').fill('demo-officer');
	await page.getByLabel('密码').fill('wrong password');
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('用户名或密码错误，或账户已停用。');
});

test('an edit after the approver’s preview makes approval fail with 409; the author’s own approval is 403', async ({
	browser
}) => {
	const officer = await openConsole(browser, 'demo-officer');
	const created = (await (
		await api(officer, 'POST', '/api/police/cases', {
			childName: '严小宁',
			age: 7,
			sex: 'male',
			contactPhone: '110',
			lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString(),
			placeName: '上海市闵行区',
			lat: 31.1128,
			lon: 121.3817
		})
	).json()) as { id: string };
	const submitted = (await (
		await api(officer, 'POST', `/api/police/cases/${created.id}/submit`, {})
	).json()) as {
		version: number;
	};
	const own = await api(officer, 'POST', `/api/police/cases/${created.id}/approve`, {
		confirm: '严小宁',
		version: submitted.version
	});
	expect(own.status()).toBe(403);

	const approver = await openConsole(browser, 'demo-approver');
	await approver.goto(`/police/cases/${created.id}`);
	await expect(approver.getByTestId('case-preview')).toContainText('严小宁，7 岁');
	// Meanwhile the officer changes the text and submits again: the preview on screen is now stale.
	expect(
		(await api(officer, 'PATCH', `/api/police/cases/${created.id}`, { clothing: '蓝色校服' })).status()
	).toBe(200);
	expect((await api(officer, 'POST', `/api/police/cases/${created.id}/submit`, {})).status()).toBe(200);
	await approver.getByTestId('confirm-name').fill('严小宁');
	const answered = approver.waitForResponse((r) => r.url().endsWith('/approve'));
	await approver.getByTestId('approve').click();
	expect((await answered).status()).toBe(409);
	await expect(approver.getByRole('alert')).toHaveText('案件已被修改，请刷新后重新审核。');
	await approver.context().close();

	// A case list that fails to load says so, inside the console, and offers a retry; never "no cases".
	await officer.route('**/api/police/cases', (route) => route.fulfill({ status: 500, json: {} }));
	await officer.goto('/police');
	await expect(officer.getByTestId('console-error')).toHaveText('无法加载此页面。请稍后重试。');
	await expect(officer.getByText('暂无案件。')).toHaveCount(0);
	await expect(officer.getByTestId('sign-out')).toBeVisible();
	await officer.unroute('**/api/police/cases');
	await officer.getByRole('link', { name: '重试' }).click();
	await expect(officer.getByRole('link', { name: '严小宁' })).toBeVisible();
	await officer.context().close();
});

test('an approver who changed someone else’s case sees no Approve button: another approver must do it', async ({
	browser
}) => {
	const officer = await openConsole(browser, 'demo-officer');
	const approver = await openConsole(browser, 'demo-approver');
	const created = (await (
		await api(officer, 'POST', '/api/police/cases', {
			childName: '沈小禾',
			age: 5,
			sex: 'female',
			contactPhone: '110',
			lastSeenAt: new Date(Date.now() - 20 * 60_000).toISOString(),
			placeName: '上海市浦东新区',
			lat: 31.2215,
			lon: 121.5447
		})
	).json()) as { id: string; version: number };
	const edited = await api(approver, 'PATCH', `/api/police/cases/${created.id}`, { clothing: '红色外套' });
	expect(edited.status()).toBe(200);
	expect((await api(officer, 'POST', `/api/police/cases/${created.id}/submit`, {})).status()).toBe(200);

	await approver.goto(`/police/cases/${created.id}`);
	await expect(approver.getByTestId('awaiting')).toHaveText('此案件由您创建或修改，需要另一位审核员批准。');
	await expect(approver.getByTestId('approve')).toHaveCount(0);
	await approver.context().close();
	await officer.context().close();
});
