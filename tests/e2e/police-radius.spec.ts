import { expect, test, type APIRequestContext } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { E2E_ORIGIN } from '../../playwright.config';
import { encodeGeohash } from '../../src/lib/geo';
import { expectNoAxeViolations } from './support/axe';
import { police, publishCase, signIn } from './support/police-api';
import { openConsole } from './support/console';
import { startPushPeer } from './support/push';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const HEFEI = { lat: 31.8206, lon: 117.2272 };
const DRAFT = {
	age: 5,
	sex: 'female',
	contactPhone: '110',
	placeName: '合肥市蜀山区',
	radiusKm: 100
};

function north(km: number): string {
	return encodeGeohash(HEFEI.lat + km / 111.2, HEFEI.lon, 5);
}

/** The Cron trigger as Cloudflare fires it, at a time the test chooses (functions/scheduled.ts reads it). */
async function cronAt(request: APIRequestContext, at: number): Promise<void> {
	const response = await request.get(`/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${at}`);
	expect(response.ok()).toBe(true);
}

test('radius growth with a controlled clock alerts only the new ring, once', async ({ request }) => {
	const peer = await startPushPeer(request);
	try {
		for (const [id, km] of [
			['near', 50],
			['ring', 150],
			['far', 400]
		] as const) {
			const device = peer.register(id);
			const stored = await request.post('/api/subscriptions', {
				headers: { Origin: E2E_ORIGIN },
				data: { subscription: { endpoint: device.endpoint, keys: device.keys }, regions: [north(km)] }
			});
			expect(stored.status()).toBe(201);
		}
		const id = await publishCase(request, {
			...DRAFT,
			...HEFEI,
			childName: '顾小雨',
			lastSeenAt: new Date(Date.now() - 10 * 60_000).toISOString(),
			radiusSchedule: [
				{ afterMinutes: 60, radiusKm: 200 },
				{ afterMinutes: 120, radiusKm: 300 }
			]
		});
		await expect.poll(() => peer.received.map((r) => r.id).join(','), { timeout: 30_000 }).toBe('near');
		const officer = await signIn(request, 'demo-officer');
		const read = async () =>
			(
				await police<{ radiusKm: number; publishedAt: string }>(
					request,
					officer,
					'GET',
					`/api/police/cases/${id}`
				)
			).body;
		const publishedAt = Date.parse((await read()).publishedAt);

		await cronAt(request, publishedAt + 59 * 60_000);
		expect((await read()).radiusKm).toBe(100);
		await cronAt(request, publishedAt + 61 * 60_000);
		await expect.poll(async () => (await read()).radiusKm).toBe(200);
		await expect.poll(() => peer.received.map((r) => r.id).join(','), { timeout: 30_000 }).toBe('near,ring');
		await cronAt(request, publishedAt + 62 * 60_000); // the same step again alerts nobody
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(peer.received.map((r) => r.id)).toEqual(['near', 'ring']);
		expect(peer.rejected).toEqual([]);
	} finally {
		await peer.close();
	}
});

test('the approver sees the exercise banner and the radius schedule, and may approve without it', async ({
	browser,
	request
}) => {
	const officer = await signIn(request, 'demo-officer');
	// In 上海市公安局's area: demo-officer drafts only there (API.md "Police units").
	const created = await police<{ id: string }>(request, officer, 'POST', '/api/police/cases', {
		...DRAFT,
		lat: 31.1128,
		lon: 121.3817,
		placeName: '上海市闵行区',
		childName: '演练小明',
		lastSeenAt: new Date(Date.now() - 10 * 60_000).toISOString(),
		exercise: true,
		radiusSchedule: [
			{ afterMinutes: 60, radiusKm: 200 },
			{ afterMinutes: 120, radiusKm: 300 },
			{ afterMinutes: 180, radiusKm: 500 }
		]
	});
	await police(request, officer, 'POST', `/api/police/cases/${created.body.id}/submit`, {});

	const approver = await openConsole(browser, 'demo-approver');
	await approver.goto(`/police/cases/${created.body.id}`);
	await expect(approver.getByTestId('exercise-banner').first()).toContainText('演练 EXERCISE');
	const panel = approver.getByTestId('approval');
	await expect(panel).toContainText('【演练】儿童走失警报：演练小明');
	await expect(panel.getByTestId('radius-schedule')).toContainText('发布时 100 公里');
	await expect(panel.getByTestId('radius-schedule')).toContainText('1 小时后 200 公里');
	await expect(panel.getByTestId('radius-schedule')).toContainText('3 小时后 500 公里');
	await approver.screenshot({ path: `${SCREENSHOTS}/police-exercise.png`, fullPage: true });
	await expectNoAxeViolations(approver);

	await approver.getByTestId('without-growth').check();
	await approver.getByTestId('confirm-name').fill('演练小明');
	await approver.getByTestId('approve').click();
	await expect(approver.getByTestId('police-case-title')).toContainText('寻找中');
	const published = await police<{ radiusSchedule: unknown }>(
		request,
		officer,
		'GET',
		`/api/police/cases/${created.body.id}`
	);
	expect(published.body.radiusSchedule).toBeNull();
	await approver.context().close();
});

test('a radius raised by hand waits for a second officer in the console', async ({ browser, request }) => {
	const id = await publishCase(request, {
		...DRAFT,
		lat: 26.647,
		lon: 106.6302,
		placeName: '贵阳市南明区',
		childName: '罗小川',
		lastSeenAt: new Date(Date.now() - 10 * 60_000).toISOString()
	});
	const officer = await openConsole(browser, 'demo-officer');
	await officer.goto(`/police/cases/${id}`);
	const raise = officer.getByTestId('radius-raise');
	await raise.getByLabel('新的半径（公里）').fill('250');
	await raise.getByLabel('进展内容').fill('孩子可能已乘车离开贵阳');
	await raise.getByRole('button', { name: '申请扩大范围' }).click();
	await expect(raise).toContainText('等待审批：把半径从 100 公里扩大到 250 公里');
	await expect(officer.getByTestId('approve-radius')).toHaveCount(0);

	const approver = await openConsole(browser, 'demo-approver');
	await approver.goto(`/police/cases/${id}`);
	await approver.getByTestId('approve-radius').click();
	await expect(approver.getByTestId('radius-raise')).not.toContainText('等待审批');
	await expect(approver.getByTestId('radius-schedule')).toContainText('现在 250 公里');
	await expect(approver.getByTestId('deliveries')).toBeVisible();
	await approver.screenshot({ path: `${SCREENSHOTS}/police-case-published.png`, fullPage: true });

	// Cancel — sent in error: no form to fill, one confirmation.
	await approver.getByTestId('cancel').click();
	await approver.getByTestId('confirm-cancel').click();
	await expect(approver.getByTestId('police-case-title')).toContainText('已撤销');
	// Once the "sent in error" message has gone out the counts stop refreshing, and a short status says so;
	// the counts themselves are not a live region that a screen reader would repeat every few seconds.
	await expect(approver.getByTestId('deliveries-status')).toHaveText('案件已结束，送达统计不再刷新。');
	await expect(
		approver.locator('[aria-live], [role="status"]').filter({ has: approver.getByTestId('deliveries') })
	).toHaveCount(0);
	let polls = 0;
	approver.on('request', (r) => void (r.url().endsWith('/deliveries') && polls++));
	await approver.waitForTimeout(3500);
	expect(polls).toBe(0);
	await officer.context().close();
	await approver.context().close();
});
