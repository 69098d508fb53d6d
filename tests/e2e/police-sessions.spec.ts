import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { E2E_PORT } from '../../playwright.config';
import { expectNoAxeViolations } from './support/axe';
import { queryLocalD1 } from './support/db';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

// WebAuthn refuses an IP address as relying party, so passkeys are tested on localhost (API.md).
const LOCALHOST = `http://localhost:${E2E_PORT}`;

async function signInWithPassword(page: Page, username: string, password = 'reunion-demo') {
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function addVirtualAuthenticator(context: BrowserContext, page: Page) {
	const cdp = await context.newCDPSession(page);
	await cdp.send('WebAuthn.enable', { enableUI: false });
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true
		}
	});
}

test('an approver registers a passkey and signs in with it (virtual authenticator, localhost)', async ({
	browser
}) => {
	const context = await browser.newContext({ baseURL: LOCALHOST, locale: 'zh-CN' });
	const page = await context.newPage();
	await addVirtualAuthenticator(context, page);
	await page.goto('/police/login');
	await signInWithPassword(page, 'demo-approver');
	await expect(page.getByTestId('sign-out')).toBeVisible();

	await page.getByRole('link', { name: '账户与通行密钥' }).click();
	await page.getByLabel('通行密钥名称').fill('值班手机');
	await page.getByRole('button', { name: '添加通行密钥' }).click();
	await expect(page.getByTestId('passkey-list')).toContainText('值班手机');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SCREENSHOTS}/police-passkeys.png`, fullPage: true });
	const stored = queryLocalD1<{ name: string }>(
		`SELECT p.name FROM passkeys p JOIN users u ON u.id = p.user_id WHERE u.username = 'demo-approver'`
	);
	expect(stored.map((row) => row.name)).toContain('值班手机');

	await page.getByTestId('sign-out').click();
	await expect(page).toHaveURL(/\/police\/login/);
	await page.getByTestId('passkey-sign-in').click();
	await expect(page.getByTestId('sign-out')).toBeVisible();
	const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
	expect(me).toMatchObject({ user: { username: 'demo-approver' }, factor: 'passkey' });
	const audited = queryLocalD1<{ detail: string }>(
		`SELECT detail FROM audit_log WHERE action = 'sign_in' AND username = 'demo-approver' ORDER BY id DESC LIMIT 1`
	);
	expect(JSON.parse(audited[0]!.detail)).toEqual({ factor: 'passkey' });

	// Removing a passkey asks first, from the keyboard too: the warning takes focus, then the confirm button.
	await page.goto('/police/account');
	await expect(page).toHaveTitle('账户与通行密钥 · 警务控制台');
	await page.getByRole('button', { name: '删除 值班手机' }).click();
	await expect(page.getByText('删除“值班手机”后，就不能再用它登录。')).toBeFocused();
	await expect(page.getByTestId('passkey-list')).toContainText('值班手机');
	await page.getByRole('button', { name: '确认删除 值班手机' }).click();
	await expect(page.getByText('您还没有通行密钥。')).toBeVisible();
	await context.close();
});

test('on 127.0.0.1 the sign-in page points to localhost for passkeys instead of failing', async ({
	page
}) => {
	await page.goto('/police/login');
	await expect(page.getByTestId('passkey-sign-in')).toHaveCount(0);
	await expect(page.getByRole('link', { name: /localhost/ })).toHaveAttribute(
		'href',
		`${LOCALHOST}/police/login`
	);
	await page.screenshot({ path: `${SCREENSHOTS}/police-login.png`, fullPage: true });
});

test('an expired session is sent to sign-in, and back to the page after signing in', async ({ browser }) => {
	// localhost, so that the passkey form (whose button calls the API) is shown.
	const context = await browser.newContext({ baseURL: LOCALHOST, locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto('/police/login');
	await signInWithPassword(page, 'demo-officer');
	await expect(page.getByTestId('sign-out')).toBeVisible();
	// 31 minutes without a request: past the 30-minute idle limit.
	queryLocalD1(
		`UPDATE sessions SET last_seen_at = last_seen_at - 1860 WHERE user_id = (SELECT id FROM users WHERE username = 'demo-officer')`
	);
	await page.goto('/police/cases/new');
	await expect(page).toHaveURL(/\/police\/login\?next=%2Fpolice%2Fcases%2Fnew/);
	await signInWithPassword(page, 'demo-officer');
	await expect(page).toHaveURL(/\/police\/cases\/new$/);

	// The same when the session ends while a page is open: its next API call sends the officer to sign-in.
	await page.goto('/police/account');
	await expect(page.getByRole('heading', { name: '通行密钥' })).toBeVisible();
	queryLocalD1(
		`UPDATE sessions SET last_seen_at = last_seen_at - 1860 WHERE user_id = (SELECT id FROM users WHERE username = 'demo-officer')`
	);
	await page.getByRole('button', { name: '添加通行密钥' }).click();
	await expect(page).toHaveURL(/\/police\/login\?next=%2Fpolice%2Faccount/);
	await context.close();
});

test('repeated bad passwords are throttled with 429 and Retry-After, with one generic message', async ({
	page
}) => {
	await page.goto('/police/login');
	const statuses: number[] = [];
	let retryAfter: string | undefined;
	page.on('response', (response) => {
		if (!response.url().endsWith('/api/auth/login')) return;
		statuses.push(response.status());
		retryAfter ??= response.headers()['retry-after'];
	});
	for (let attempt = 1; attempt <= 6; attempt++) {
		await signInWithPassword(page, 'demo-officer-typo', `wrong-${attempt}`);
		await expect.poll(() => statuses.length).toBe(attempt);
		await expect(page.getByRole('alert')).toBeVisible();
	}
	expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
	expect(Number(retryAfter)).toBeGreaterThan(0);
	await expect(page.getByRole('alert')).toHaveText(/尝试次数过多|稍后/);
});

test('the console speaks English when asked, and an officer signs in from the keyboard alone', async ({
	page
}) => {
	await page.goto('/police/login');
	await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
	const english = page.getByRole('heading', { name: 'Police sign-in' });
	// A click before hydration is lost; click again only while the page is still in Chinese.
	await expect(async () => {
		if (!(await english.isVisible())) await page.getByTestId('lang-switch').click();
		await expect(english).toBeVisible({ timeout: 2000 });
	}).toPass({ timeout: 20_000 });
	await page.getByLabel('Username').focus();
	await page.keyboard.type('demo-officer');
	await page.keyboard.press('Tab');
	await page.keyboard.type('reunion-demo');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('sign-out')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Account and passkeys' })).toBeVisible();
	// And back to Chinese, the default.
	await page.getByTestId('lang-switch').click();
	await expect(page.getByRole('link', { name: '账户与通行密钥' })).toBeVisible();
});
