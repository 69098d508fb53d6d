import { expect, test, type Page } from '@playwright/test';
import { deliverPush, startPushPeer } from './support/push';
import { chooseCity, subscribeAtCity } from './support/regions';

const IPHONE_SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const WECHAT =
	'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64';

function result(page: Page) {
	return page.getByTestId('check-result');
}

/** Keeps a picture of each state for the closing note (test-results/, not committed). */
async function snapshot(page: Page, name: string): Promise<void> {
	await page.getByTestId('check-result').screenshot({ path: test.info().outputPath(`${name}.png`) });
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
		await expect(result(page)).toContainText('保持本页打开');
		await snapshot(page, 'unreachable');
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
	await page.getByTestId('check-notifications').click();
	await expect(result(page)).toHaveAttribute('data-state', 'iosInstall');
	await expect(result(page)).toContainText('添加到主屏幕');
	await snapshot(page, 'ios-install');
	await context.close();
});

test('WeChat’s built-in browser is told how to open the page in a browser', async ({ browser }) => {
	const context = await browser.newContext({ userAgent: WECHAT });
	await context.addInitScript(() => {
		delete (window as { PushManager?: unknown }).PushManager;
	});
	const page = await context.newPage();
	await page.goto('/regions');
	await page.getByTestId('check-notifications').click();
	await expect(result(page)).toHaveAttribute('data-state', 'noPush');
	await expect(result(page)).toContainText('在浏览器打开');
	await snapshot(page, 'no-push-wechat');
	await context.close();
});
