import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { openConsole } from './support/console';
import { police, signIn } from './support/police-api';
import { deliverPush, shownNotifications, startPushPeer } from './support/push';
import { subscribeAtCity } from './support/regions';

// API.md "Police units": a Wuhan officer drafts, a Wuhan approver approves in the console, and a phone in Wuhan
// is alerted by 武汉市公安局 — the name is in the notification and, signed, on the case page.
const payloadOf = (r: { payload: unknown }) => r.payload as { caseId?: string; body?: string };

test('a Wuhan alert goes out under 武汉市公安局, from draft to the phone', async ({
	page,
	browser,
	request
}) => {
	const peer = await startPushPeer(request);
	try {
		const device = peer.register('wuhan-phone');
		await subscribeAtCity(page, device, 'wuhan');

		const officer = await signIn(request, 'demo-wuhan-officer');
		const created = await police<{ id: string }>(request, officer, 'POST', '/api/police/cases', {
			childName: '江小汉',
			age: 7,
			sex: 'male',
			contactPhone: '110',
			lastSeenAt: new Date(Date.now() - 20 * 60_000).toISOString(),
			placeName: '武汉市武昌区 黄鹤楼',
			lat: 30.5446,
			lon: 114.3025,
			radiusKm: 50
		});
		expect(created.status).toBe(201);
		const id = created.body.id;
		expect((await police(request, officer, 'POST', `/api/police/cases/${id}/submit`, {})).status).toBe(200);

		const approver = await openConsole(browser, 'demo-wuhan-approver');
		await expect(approver.getByTestId('current-unit')).toHaveText('武汉市公安局');
		await approver.goto(`/police/cases/${id}`);
		await approver.getByTestId('confirm-name').fill('江小汉');
		await approver.getByTestId('approve').click();
		await expect(approver.getByTestId('police-case-title')).toContainText('寻找中');
		await approver.context().close();

		await expect
			.poll(() => peer.received.filter((r) => payloadOf(r).caseId === id).length, { timeout: 30_000 })
			.toBe(1);
		const arrived = peer.received.find((r) => payloadOf(r).caseId === id)!;
		expect(payloadOf(arrived).body).toContain('武汉市公安局');
		await deliverPush(page, JSON.stringify(arrived.payload));
		await expect
			.poll(async () => (await shownNotifications(page)).find((n) => n.tag === id)?.body ?? '')
			.toContain('武汉市公安局');

		const item = (await (await request.get(`/api/cases/${id}`)).json()) as { issuer: unknown };
		expect(item.issuer).toEqual({ code: '420100', name: '武汉市公安局' });
	} finally {
		await peer.close();
	}
});

// Issue 21 point 5: the national admin narrows the console to one unit (`?unit=`, a link), creates a unit below
// Wuhan, disables it and moves a user into it; the screens pass axe (labelled controls).
test('the national admin narrows the console to 湖北 and runs the unit and user screens', async ({
	browser,
	request
}) => {
	const admin = await signIn(request, 'demo-admin');
	const username = `e2e-mover-${Date.now() % 100000}`;
	const created = await police(request, admin, 'POST', '/api/police/users', {
		username,
		displayName: '调动测试',
		role: 'officer',
		password: 'a long enough secret',
		unitId: 'unit-wuhan'
	});
	expect(created.status).toBe(201);

	const page = await openConsole(browser, 'demo-admin');
	await expect(page.getByText('王浩然（示例）')).toBeVisible();
	await page.getByLabel('查看范围').selectOption('420000');
	await expect(page).toHaveURL(/\?unit=420000$/);
	await expect(page.getByText('刘欣怡（示例）')).toBeVisible();
	await expect(page.locator('li', { hasText: '刘欣怡（示例）' }).getByTestId('case-unit')).toHaveText(
		'武汉市公安局'
	);
	await expect(page.getByText('王浩然（示例）')).toHaveCount(0);
	await expect(page.getByTestId('unit-stats')).toHaveAttribute('href', '/stats?unit=420000');

	// The admin link keeps the scope; the users list is Hubei's alone.
	await page.getByTestId('admin-link').click();
	await expect(page).toHaveURL(/\/police\/admin\?unit=420000$/);
	await expect(page.locator('[data-testid="user-row"][data-username="demo-officer"]')).toHaveCount(0);

	await page.getByRole('link', { name: '单位', exact: true }).click();
	const form = page.getByTestId('unit-create');
	await form.getByLabel('上级单位').selectOption('unit-wuhan');
	await form.getByLabel('级别').selectOption('county');
	await form.getByLabel('名称').fill('武昌区分局');
	await form.getByLabel('行政区划代码（GB/T 2260）').fill('420106');
	await form.getByLabel('自主发布半径上限（公里）').fill('100');
	await form.getByRole('button', { name: '添加圆形区域' }).click();
	await form.getByTestId('unit-circle-lat').fill('30.55');
	await form.getByTestId('unit-circle-lon').fill('114.31');
	await form.getByTestId('unit-circle-radiusKm').fill('8');
	await form.getByRole('button', { name: '创建单位' }).click();
	const row = page.locator('[data-testid="unit-row"][data-unit="420106"]');
	await expect(row).toContainText('武昌区分局');
	// Never the admin's own unit: no controls on it.
	await expect(page.locator('[data-testid="unit-row"][data-unit="root"] button')).toHaveCount(0);
	await expectNoAxeViolations(page, 'main');
	await row.getByTestId('unit-toggle-disabled').click();
	await row.getByTestId('unit-toggle-disabled-confirm').click();
	await expect(row.getByTestId('unit-status')).toHaveText('已停用');
	await row.getByTestId('unit-toggle-disabled').click();
	await row.getByTestId('unit-toggle-disabled-confirm').click();
	await expect(row.getByTestId('unit-status')).toHaveText('启用中');

	await page.getByRole('link', { name: '用户与发送' }).click();
	const user = page.locator(`[data-testid="user-row"][data-username="${username}"]`);
	await user.getByLabel('调至单位').selectOption({ label: '\u3000\u3000\u3000武昌区分局' });
	await user.getByRole('button', { name: '调动' }).click();
	await expect(user.getByTestId('user-unit')).toHaveText('单位：武昌区分局');
	await expectNoAxeViolations(page, 'main');

	// A Wuhan draft handed to the province from the case page: the unit in charge follows.
	const wuhanOfficer = await signIn(request, 'demo-wuhan-officer');
	const draft = await police<{ id: string }>(request, wuhanOfficer, 'POST', '/api/police/cases', {
		childName: '移交测试',
		age: 5,
		sex: 'female',
		contactPhone: '110',
		lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString(),
		placeName: '武汉市江汉区',
		lat: 30.5928,
		lon: 114.3055,
		radiusKm: 20
	});
	await page.goto(`/police/cases/${draft.body.id}`);
	await expect(page.getByTestId('case-unit')).toHaveText('负责单位：武汉市公安局');
	await page.getByTestId('hand-over-open').click();
	await page.getByLabel('接收单位').selectOption('unit-hubei');
	await page.getByLabel('移交原因').fill('由省厅统一发布');
	await page.getByRole('button', { name: '确认移交' }).click();
	await expect(page.getByTestId('case-unit')).toHaveText('负责单位：湖北省公安厅');
	await page.context().close();
});
