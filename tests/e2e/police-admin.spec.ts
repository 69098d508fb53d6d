import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { E2E_ORIGIN } from '../../playwright.config';
import { expectNoAxeViolations } from './support/axe';
import { signIn } from './support/police-api';
import { openConsole } from './support/console';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const NEW_USER = 'officer-zhao';
const NEW_PASSWORD = 'a long enough secret';

// One story in order: the audit page checks the actions the earlier steps took.
test.describe.configure({ mode: 'serial' });

async function apiStatus(page: Page, path: string): Promise<number> {
	return page.evaluate(async (p) => (await fetch(p)).status, path);
}

test.afterAll(async ({ request }) => {
	// Whatever failed above, later specs need sending on.
	const cookie = await signIn(request, 'demo-admin');
	await request.fetch('/api/police/sending', {
		method: 'PUT',
		headers: { Origin: E2E_ORIGIN, Cookie: cookie },
		data: { paused: false }
	});
});

test('an admin creates a user; disabling them ends their session at once; reset and enable let them back', async ({
	browser
}) => {
	const admin = await openConsole(browser, 'demo-admin');
	await admin.getByTestId('admin-link').click();
	await expect(admin).toHaveURL(/\/police\/admin$/);
	const form = admin.getByTestId('user-create');

	// The API's complaint lands next to the field it names.
	await form.getByLabel('用户名', { exact: true }).fill('demo-officer');
	await form.getByLabel('姓名', { exact: true }).fill('赵警官');
	await form.getByLabel('初始密码', { exact: true }).fill(NEW_PASSWORD);
	await form.getByRole('button', { name: '创建用户' }).click();
	const username = form.getByLabel('用户名', { exact: true });
	await expect(username).toHaveAttribute('aria-invalid', 'true');
	await expect(username).toHaveAccessibleDescription(/此用户名已被使用。/);

	await username.fill(NEW_USER);
	await form.getByTestId('create-role').selectOption('officer');
	await form.getByRole('button', { name: '创建用户' }).click();
	await expect(form.getByRole('status')).toHaveText(`已创建用户 ${NEW_USER}。`);
	const row = admin.locator(`[data-testid="user-row"][data-username="${NEW_USER}"]`);
	await expect(row).toContainText('赵警官');
	await expect(row.getByTestId('user-status')).toContainText('正常');
	await admin.screenshot({ path: `${SCREENSHOTS}/police-admin.png`, fullPage: true });
	await expectNoAxeViolations(admin);

	const officer = await openConsole(browser, NEW_USER, { password: NEW_PASSWORD });
	await expect(officer.getByTestId('admin-link')).toHaveCount(0);
	expect(await apiStatus(officer, '/api/police/cases')).toBe(200);

	await row.getByTestId('role-select').selectOption('approver');
	await row.getByRole('button', { name: '保存角色' }).click();
	await expect(row).toContainText('角色：审核员');

	await row.getByTestId('toggle-disabled').click();
	await expect(row.getByRole('group', { name: /立即被登出/ })).toBeVisible();
	await row.getByTestId('toggle-disabled-confirm').click();
	await expect(row.getByTestId('user-status')).toContainText('已停用');

	expect(await apiStatus(officer, '/api/police/cases')).toBe(401);
	await officer.getByTestId('new-case').click();
	await expect(officer).toHaveURL(/\/police\/login/);

	await row.getByTestId('reset-password').click();
	await row.getByLabel(`${NEW_USER} 的新密码`).fill('a brand new secret');
	await row.getByRole('button', { name: '设置新密码' }).click();
	await expect(row.getByTestId('reset-password')).toHaveAttribute('aria-expanded', 'false');
	await row.getByTestId('toggle-disabled').click();
	await row.getByTestId('toggle-disabled-confirm').click();
	await expect(row.getByTestId('user-status')).toContainText('正常');
	await officer.context().close();
	await openConsole(browser, NEW_USER, { password: 'a brand new secret' });
	await admin.context().close();
});

test('an admin pauses all sending after a warning, from the keyboard, and resumes it', async ({
	browser
}) => {
	const admin = await openConsole(browser, 'demo-admin');
	// Outside local mode an admin signed in with a password gets 403 passkey_required; local mode lets the
	// password through, so the answer is played here: the console must say what to do, not "could not load".
	await admin.route('**/api/police/users', (route) =>
		route.fulfill({
			status: 403,
			json: { error: { code: 'passkey_required', message: 'Sign in with a passkey.' } }
		})
	);
	await admin.goto('/police/admin');
	await expect(admin.getByTestId('console-error')).toHaveText(/请先添加通行密钥/);
	await expect(admin.getByTestId('passkey-link')).toHaveAttribute('href', '/police/account');
	await expect(admin.getByTestId('sign-out')).toBeVisible();
	await expectNoAxeViolations(admin);
	await admin.unroute('**/api/police/users');
	await admin.goto('/police/admin');
	const state = admin.getByTestId('sending-state');
	await expect(state).toHaveAttribute('data-paused', 'false');

	await admin.getByTestId('sending-toggle').focus();
	await admin.keyboard.press('Enter');
	await expect(admin.getByText(/停止发送并排队等待/)).toBeFocused();
	await expect(state).toHaveAttribute('data-paused', 'false');
	await admin.keyboard.press('Tab');
	await expect(admin.getByTestId('sending-toggle-confirm')).toBeFocused();
	await admin.keyboard.press('Enter');
	await expect(state).toHaveText('当前状态：已暂停，任何推送都不会发出');
	await expect(admin.getByTestId('sending-toggle')).toBeFocused();

	await admin.reload();
	await expect(state).toHaveAttribute('data-paused', 'true');
	await admin.getByTestId('sending-toggle').click();
	await expect(admin.getByText(/排队中的所有通知会立即开始发送/)).toBeVisible();
	await admin.getByTestId('sending-toggle-confirm').click();
	await expect(state).toHaveAttribute('data-paused', 'false');
	await admin.context().close();
});

test('the audit log lists those actions, reports the chain intact and exports CSV', async ({ browser }) => {
	const admin = await openConsole(browser, 'demo-admin');
	await admin.getByTestId('admin-link').click();
	await admin.getByRole('link', { name: '审计日志' }).click();
	await expect(admin.getByTestId('chain-status')).toHaveAttribute('data-ok', 'true');
	await expect(admin.getByTestId('chain-status')).toContainText('审计链完整');
	const table = admin.getByTestId('audit-table');
	for (const action of ['user_create', 'user_change', 'pause', 'resume', 'sign_in'])
		await expect(table.locator(`tr[data-action="${action}"]`).first()).toBeVisible();
	// Newest first: the resume of the previous test comes before its pause.
	const actions = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.action));
	expect(actions.indexOf('resume')).toBeLessThan(actions.indexOf('pause'));
	await admin.screenshot({ path: `${SCREENSHOTS}/police-admin-audit.png`, fullPage: true });
	await expectNoAxeViolations(admin);

	const [download] = await Promise.all([
		admin.waitForEvent('download'),
		admin.getByTestId('export-csv').click()
	]);
	expect(download.suggestedFilename()).toBe('reunion-audit.csv');
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv.split('\r\n')[0]).toBe('id,at,username,action,case_id,detail,ip_hash,prev_hash,hash,unit_id');
	expect(csv).toContain('user_create');
	await admin.context().close();
});

test('an officer cannot open admin pages: a message, no controls, and the API answers 403', async ({
	browser
}) => {
	const officer = await openConsole(browser, 'demo-officer');
	await expect(officer.getByTestId('admin-link')).toHaveCount(0);
	for (const path of ['/police/admin', '/police/admin/audit']) {
		await officer.goto(path);
		await expect(officer.getByTestId('needs-admin')).toContainText('此页面需要管理员角色');
		const main = officer.getByRole('main');
		await expect(main.getByRole('button')).toHaveText(['退出登录']); // nothing but sign-out
		await expect(main.getByRole('textbox')).toHaveCount(0);
		await expect(officer.getByTestId('sending-toggle')).toHaveCount(0);
		await expect(officer.getByTestId('user-create')).toHaveCount(0);
		await expect(officer.getByTestId('audit-table')).toHaveCount(0);
	}
	for (const path of [
		'/api/police/users',
		'/api/police/sending',
		'/api/police/audit',
		'/api/police/audit/verify'
	])
		expect(await apiStatus(officer, path)).toBe(403);
	await officer.context().close();
});
