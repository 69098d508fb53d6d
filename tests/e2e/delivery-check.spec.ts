import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { deliverPush, startPushPeer } from './support/push';
import { chooseCity, subscribeAtCity } from './support/regions';

const IPHONE_SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IN_APP = {
	wechat: {
		userAgent:
			'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64',
		words: '您在微信里打开了本页'
	},
	qq: {
		userAgent:
			'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0 MQQBrowser/6.2 TBS/047205 Mobile Safari/537.36 V1_AND_SQ_9.0.20_5844_YYB_D QQ/9.0.20.16405 NetType/WIFI',
		words: '您在 QQ 里打开了本页'
	}
};

function result(page: Page) {
	return page.getByTestId('check-result');
}

/**
 * Keeps a picture of each state for the closing note: test-results/e2e/delivery-state-<name>.png (not
 * committed; Playwright empties test-results/e2e/ at the start of each run).
 */
async function snapshot(page: Page, name: string): Promise<void> {
	const section = page.getByRole('region', { name: '通知能否送达？' });
	await section.screenshot({ path: join(test.info().project.outputDir, `delivery-state-${name}.png`) });
}

/** Every state but "working" offers what remains, in plain words. */
async function expectFallbacks(page: Page): Promise<void> {
	await expect(result(page)).toContainText('其他收到警报的方式');
	await expect(result(page)).toContainText('保持本页打开');
	await expect(result(page)).toContainText('添加到主屏幕：每次打开都会补报错过的警报');
	await expect(result(page)).toContainText('合作应用和订阅源');
	await expect(result(page).getByRole('link', { name: 'Atom' })).toHaveAttribute(
		'href',
		'/feeds/alerts.atom'
	);
}

function isCheck(payload: unknown): payload is { kind: 'check'; checkId: string } {
	return (payload as { kind?: string } | null)?.kind === 'check';
}

test('the check says "working" only after the service worker reports the test push', async ({
	page,
	request
}) => {
	const peer = await startPushPeer(request);
	try {
		await subscribeAtCity(page, peer.register('check-phone'), 'chengdu');
		await page.getByTestId('check-notifications').click();
		await expect.poll(() => peer.received.filter((m) => isCheck(m.payload)).length).toBe(1);
		// The push service accepted it; until the service worker says so, that is not delivery.
		await expect(result(page)).toHaveAttribute('data-state', 'checking');
		const check = peer.received.find((m) => isCheck(m.payload))!;
		await deliverPush(page, JSON.stringify(check.payload));
		await expect(result(page)).toHaveAttribute('data-state', 'working');
		await expect(result(page)).toContainText('通知正常');
		await expect(result(page)).not.toContainText('其他收到警报的方式');
		await snapshot(page, 'working');
	} finally {
		await peer.close();
	}
});

test('the check says "unreachable" when the test push never arrives', async ({ page, request }) => {
	const peer = await startPushPeer(request);
	try {
		await subscribeAtCity(page, peer.register('check-lost'), 'chengdu');
		await page.getByTestId('check-notifications').click();
		await expect.poll(() => peer.received.filter((m) => isCheck(m.payload)).length).toBe(1);
		await expect(result(page)).toHaveAttribute('data-state', 'unreachable', { timeout: 45_000 });
		await expect(result(page)).toContainText('推送服务无法连接');
		await expectFallbacks(page);
		await snapshot(page, 'unreachable-never-delivered');
	} finally {
		await peer.close();
	}
});

test('a push service that hangs while subscribing is reported within the timeout', async ({ browser }) => {
	const context = await browser.newContext();
	await context.grantPermissions(['notifications']);
	await context.addInitScript(() => {
		const proto = (window as unknown as { PushManager: { prototype: Record<string, unknown> } }).PushManager
			.prototype;
		proto.subscribe = () => new Promise(() => {});
		proto.getSubscription = async () => null;
	});
	const page = await context.newPage();
	await page.goto('/regions');
	await chooseCity(page, 'chengdu');
	await page.getByTestId('check-notifications').click();
	await expect(result(page)).toHaveAttribute('data-state', 'checking');
	await expect(result(page)).toHaveAttribute('data-state', 'unreachable', { timeout: 20_000 });
	await expect(result(page)).toContainText('推送服务无法连接');
	await expectFallbacks(page);
	await snapshot(page, 'unreachable-subscribe-hangs');
	await context.close();
});

test('a push service the browser cannot reach (subscribing fails) is reported unreachable', async ({
	browser
}) => {
	// No stub: this Chromium's own push service is out of reach, so subscribe() rejects (AbortError), as it does
	// where Google's FCM is blocked.
	const context = await browser.newContext();
	await context.grantPermissions(['notifications']);
	const page = await context.newPage();
	await page.goto('/regions');
	await chooseCity(page, 'chengdu');
	await page.getByTestId('check-notifications').click();
	await expect(result(page)).toHaveAttribute('data-state', 'unreachable');
	await expect(result(page)).toContainText('推送服务无法连接');
	await expectFallbacks(page);
	await snapshot(page, 'unreachable-subscribe-fails');
	await context.close();
});

test('an iPhone outside the Home Screen sees how to install the app', async ({ browser }) => {
	const context = await browser.newContext({ userAgent: IPHONE_SAFARI });
	// iOS Safari has no Push API outside a Home-Screen app.
	await context.addInitScript(() => {
		delete (window as { PushManager?: unknown }).PushManager;
	});
	const page = await context.newPage();
	await page.goto('/regions');
	// Said at once, before any check: alerts are off here, and why.
	await expect(page.getByTestId('alert-state')).toHaveAttribute('data-state', 'iosInstall');
	await page.getByTestId('check-notifications').click();
	await expect(result(page)).toHaveAttribute('data-state', 'iosInstall');
	await expect(result(page)).toContainText('添加到主屏幕');
	await expectFallbacks(page);
	await snapshot(page, 'ios-not-on-home-screen');
	await context.close();
});

for (const [app, { userAgent, words }] of Object.entries(IN_APP)) {
	test(`${app}’s built-in browser is told how to open the page in a browser`, async ({ browser }) => {
		const context = await browser.newContext({ userAgent });
		await context.addInitScript(() => {
			delete (window as { PushManager?: unknown }).PushManager;
		});
		const page = await context.newPage();
		await page.goto('/regions');
		// At once, before any check: this page cannot get alerts here, and how to leave the app's browser.
		await expect(page.getByTestId('alert-state')).toHaveAttribute('data-state', 'inApp');
		await expect(page.getByTestId('alert-state')).toContainText('在浏览器打开');
		await page.getByTestId('check-notifications').click();
		await expect(result(page)).toHaveAttribute('data-state', 'noPush');
		await expect(result(page)).toContainText('这个浏览器不能接收推送通知');
		await expect(result(page)).toContainText(words);
		await expect(result(page)).toContainText('在浏览器打开');
		await expectFallbacks(page);
		await snapshot(page, `no-push-${app}`);
		await context.close();
	});
}

test('notifications blocked in the browser: the page says so and how to allow them', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/regions');
	// As a person who once pressed "Block": the site's notification permission is denied.
	const cdp = await context.newCDPSession(page);
	const { targetInfo } = await cdp.send('Target.getTargetInfo');
	await cdp.send('Browser.setPermission', {
		origin: new URL(page.url()).origin,
		permission: { name: 'notifications' },
		setting: 'denied',
		browserContextId: targetInfo.browserContextId
	});
	await page.reload();
	expect(await page.evaluate(() => Notification.permission)).toBe('denied');
	await chooseCity(page, 'chengdu');
	await page.getByTestId('check-notifications').click();
	await expect(result(page)).toHaveAttribute('data-state', 'blocked');
	await expect(result(page)).toContainText('通知已被禁止');
	await expect(result(page)).toContainText('网站设置中允许本站的通知');
	await expectFallbacks(page);
	await snapshot(page, 'blocked');
	await context.close();
});
