import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import { queryLocalD1 } from './support/db';
import { createSubscriber, stubPushManager } from './support/push';
import { publishCase } from './support/police-api';
import { chooseCity } from './support/regions';

const SCREENSHOTS = 'test-results/screenshots';

const storedRegions = (endpoint: string) =>
	queryLocalD1<{ geohash: string }>(
		`SELECT geohash FROM subscription_regions WHERE endpoint = '${endpoint}'`
	);

test('muting the only region says alerts stopped, not "on" or "quiet hours saved", on /regions and at home', async ({
	page,
	context
}) => {
	// Local mode accepts http://127.0.0.1 endpoints; nothing is sent here.
	const subscriber = createSubscriber(`http://127.0.0.1:${E2E_PORT}/push-peer/muted-${Date.now()}`);
	await stubPushManager(context, subscriber);
	await context.grantPermissions(['notifications']);
	await page.goto('/regions');
	await chooseCity(page, 'haikou');
	await page.getByTestId('toggle-alerts').click();
	const state = page.getByTestId('alert-state');
	await expect(state).toHaveAttribute('data-state', 'on');
	await expect.poll(() => storedRegions(subscriber.endpoint).length).toBe(1);

	// The mute button is a drawn icon with a text label: no emoji, which shows as an empty box without an emoji font.
	const mute = page.getByTestId('mute-region');
	await expect(mute).toHaveText('静音');
	await expect(mute.locator('svg')).toHaveCount(1);
	expect(await mute.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
	await mute.click();
	await expect(mute).toHaveAttribute('aria-pressed', 'true');
	// The server forgot the phone: the page says so, and never "on".
	await expect.poll(() => storedRegions(subscriber.endpoint).length).toBe(0);
	await expect(state).toHaveAttribute('data-state', 'allMuted');
	await expect(state).toContainText('本机目前收不到任何警报');
	await expect(page.getByText(/警报通知已开启/)).toHaveCount(0);

	const quiet = page.getByTestId('quiet-hours');
	await quiet.getByLabel('开启免打扰时段').check();
	await quiet.getByRole('button', { name: '保存免打扰时段' }).click();
	await expect(quiet.getByRole('status')).toContainText('区域都已静音');
	await expect(quiet.getByRole('status')).not.toHaveText('免打扰时段已保存。');
	await page.screenshot({ path: `${SCREENSHOTS}/regions-all-muted.png`, fullPage: true });

	await page.goto('/');
	await expect(page.getByTestId('alerts-state')).toHaveAttribute('data-state', 'allMuted');
	await page.screenshot({ path: `${SCREENSHOTS}/home-all-muted.png` });
});

test('a returning visitor without alerts is told why they are off and gets a button; with them on, a way to check', async ({
	page,
	context
}) => {
	// A region saved earlier, alerts never turned on.
	await page.goto('/regions');
	await chooseCity(page, 'haikou');
	await page.goto('/');
	const state = page.getByTestId('alerts-state');
	await expect(state).toHaveAttribute('data-state', 'off');
	await expect(state).toContainText('本机不会收到附近儿童走失的通知');
	await page.screenshot({ path: `${SCREENSHOTS}/home-alerts-off.png` });

	const subscriber = createSubscriber(`http://127.0.0.1:${E2E_PORT}/push-peer/returning-${Date.now()}`);
	await stubPushManager(context, subscriber);
	await context.grantPermissions(['notifications']);
	await page.reload();
	await page.getByTestId('alert-state-turn-on').click();
	await expect(state).toHaveAttribute('data-state', 'on');
	await expect(state.getByRole('link', { name: '检查通知能否送达本机' })).toHaveAttribute(
		'href',
		'/regions#check-title'
	);
	await expect.poll(() => storedRegions(subscriber.endpoint).length).toBe(1);
	await page.screenshot({ path: `${SCREENSHOTS}/home-alerts-on.png` });
});

test('saving a region does not call its old cases new; several new ones collapse into one banner', async ({
	page,
	request
}) => {
	// Guangzhou holds demo-guangzhou, published before the region is saved: listed, but not "附近新发布".
	await page.goto('/regions');
	await chooseCity(page, 'guangzhou');
	await page.goto('/');
	await expect(page.getByTestId('live-alerts')).toHaveAttribute('data-synced', 'true');
	await expect(page.getByTestId('alert-card').filter({ hasText: '陈思琪' })).toBeVisible();
	await expect(page.locator('[data-testid="live-banner"][data-case-id="demo-guangzhou"]')).toHaveCount(0);

	// Two new alerts while the page is open: one box, a line each.
	const near = {
		age: 6,
		sex: 'male',
		contactPhone: '110',
		placeName: '广州市天河区',
		lat: 23.13,
		lon: 113.3,
		radiusKm: 5
	};
	const seen = () => new Date(Date.now() - 10 * 60_000).toISOString();
	const first = await publishCase(request, { ...near, childName: '横幅甲', lastSeenAt: seen() });
	const second = await publishCase(request, { ...near, childName: '横幅乙', lastSeenAt: seen() });
	const box = page.getByTestId('live-banners-collapsed');
	await expect(box).toContainText('附近有 2 条新消息', { timeout: 15_000 });
	await expect(box.locator(`[data-case-id="${first}"]`)).toBeVisible();
	await expect(box.locator(`[data-case-id="${second}"]`)).toBeVisible();
	await page.screenshot({ path: `${SCREENSHOTS}/banners-collapsed.png` });
});
