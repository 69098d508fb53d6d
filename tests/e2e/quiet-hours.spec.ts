import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { encodeGeohash } from '../../src/lib/geo';
import { quietHoursEnd } from '../../src/lib/quiet-hours/decide';
import { toZonedInput } from '../../src/lib/time/zoned-time';
import { queryLocalD1 } from './support/db';
import { publishCase } from './support/police-api';
import { deliverPush, shownNotifications, startPushPeer } from './support/push';
import { subscribeAtCity } from './support/regions';

// Quiet hours end to end with a controlled clock: chosen on /regions, held by the server while they last (nothing
// reaches the push peer), released by the Cron trigger fired at their end (its `time`), as one summary that the
// push peer decrypts and the service worker shows. The window is set around the real now on the page's clock
// (Asia/Shanghai, playwright.config.ts), so the fan-out, which reads the real clock, is inside it.
const KUNMING = { lat: 25.0389, lon: 102.7183 };
const ZONE = 'Asia/Shanghai';
const clockIn = (at: Date) => toZonedInput(at, ZONE).slice(11, 16);

async function cronAt(request: APIRequestContext, at: number): Promise<void> {
	const response = await request.get(`/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${at}`);
	expect(response.ok()).toBe(true);
}

const storedRegions = (endpoint: string) =>
	queryLocalD1<{
		geohash: string;
		quiet_start: number | null;
		quiet_end: number | null;
		quiet_zone: string | null;
	}>(
		`SELECT geohash, quiet_start, quiet_end, quiet_zone FROM subscription_regions WHERE endpoint = '${endpoint}' ORDER BY geohash`
	);

/** What the device's shown-record (src/lib/live/shown.ts) says of a case. */
const shownRecord = (page: Page, caseId: string) =>
	page.evaluate(
		(id) =>
			new Promise<unknown>((resolve, reject) => {
				const open = indexedDB.open('reunion-shown');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('shown').objectStore('shown').get(id);
					get.onsuccess = () => resolve(get.result ?? null);
					get.onerror = () => reject(get.error);
				};
			}),
		caseId
	);

test('quiet hours hold an alert on the server and release it at their end as one summary', async ({
	page,
	request
}) => {
	// A long walk (subscribe, mute, unmute, quiet hours, publish, hold, release) checked against the server's D1,
	// each read a wrangler process of its own (seconds on a loaded machine): more than the default 60 s.
	test.setTimeout(120_000);
	const peer = await startPushPeer(request);
	try {
		const device = peer.register('quiet-hours-1');
		await subscribeAtCity(page, device, 'kunming');

		// Mute a second region: it stays listed on the device but leaves the subscription until unmuted.
		await page.getByTestId('city-select').selectOption('lhasa');
		const lhasa = page.getByTestId('region-list').locator('li').nth(1);
		await expect(lhasa).toBeVisible();
		await expect.poll(() => storedRegions(device.endpoint).length).toBe(2);
		const mute = lhasa.getByTestId('mute-region');
		await mute.click();
		await expect(mute).toHaveAttribute('aria-pressed', 'true');
		await expect(lhasa).toContainText('已静音');
		await expect
			.poll(() => storedRegions(device.endpoint).map((r) => r.geohash))
			.toEqual([encodeGeohash(KUNMING.lat, KUNMING.lon, 5)]);
		await mute.click();
		await expect(mute).toHaveAttribute('aria-pressed', 'false');
		await expect.poll(() => storedRegions(device.endpoint).length).toBe(2);

		// Quiet hours from an hour ago to an hour from now, in the device's zone (the default).
		const now = new Date();
		const quiet = {
			start: clockIn(new Date(now.getTime() - 3_600_000)),
			end: clockIn(new Date(now.getTime() + 3_600_000)),
			timeZone: ZONE
		};
		const setting = page.getByTestId('quiet-hours');
		await expect(setting.getByTestId('quiet-zone')).toHaveValue(ZONE);
		await setting.getByLabel('开启免打扰时段').check();
		// The common zones by their Chinese names; the rest of the ~400 only on search.
		await expect(setting.getByTestId('quiet-zone').locator(`option[value="${ZONE}"]`)).toHaveText(
			'中国标准时间（UTC+8）'
		);
		expect(await setting.getByTestId('quiet-zone').locator('option').count()).toBeLessThan(20);
		await setting.getByTestId('quiet-zone-search').fill('lagos');
		await expect(setting.getByTestId('quiet-zone').locator('option[value="Africa/Lagos"]')).toHaveCount(1);
		await setting.getByTestId('quiet-zone-search').fill('');
		await setting.getByLabel('开始时间').fill(quiet.start);
		await setting.getByLabel('结束时间').fill(quiet.end);
		await setting.getByRole('button', { name: '保存免打扰时段' }).click();
		await expect(setting.getByRole('status')).toHaveText('免打扰时段已保存。');
		await setting.screenshot({ path: 'test-results/screenshots/quiet-hours-setting.png' });
		const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
		await expect
			.poll(() => storedRegions(device.endpoint)[0])
			.toMatchObject({ quiet_start: minutes(quiet.start), quiet_end: minutes(quiet.end), quiet_zone: ZONE });

		// Seen 5 hours ago: no longer "under 3 h", so quiet hours hold it.
		const id = await publishCase(request, {
			childName: '段小雨',
			age: 9,
			sex: 'female',
			contactPhone: '110',
			lastSeenAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
			placeName: '昆明市五华区 翠湖公园',
			lat: KUNMING.lat,
			lon: KUNMING.lon,
			radiusKm: 100
		});
		// Held (one row) once the alert's fan-out is done, and nothing reached the push peer.
		const heldAndRunning = () =>
			queryLocalD1<{ held: number; running: number }>(
				`SELECT (SELECT count(*) FROM held_alerts WHERE case_id = '${id}') AS held,
				 (SELECT count(*) FROM fanout_jobs WHERE case_id = '${id}' AND status = 'running') AS running`
			)[0];
		await expect.poll(heldAndRunning, { timeout: 30_000 }).toEqual({ held: 1, running: 0 });
		expect(peer.received).toEqual([]);
		expect((await shownNotifications(page)).filter((n) => n.tag === id)).toEqual([]);

		// The Cron trigger at the end of the quiet hours releases it: one summary, through the normal sender.
		await cronAt(request, quietHoursEnd(quiet, now).getTime() + 60_000);
		await expect.poll(() => peer.received.length, { timeout: 30_000 }).toBe(1);
		const [summary] = peer.received;
		expect(summary!.id).toBe(device.id);
		expect(summary!.payload).toMatchObject({
			kind: 'summary',
			cases: [id],
			url: `/cases/${id}`,
			title: '免打扰时段内，您附近有 1 条儿童走失警报'
		});
		expect(peer.rejected).toEqual([]);
		expect(queryLocalD1(`SELECT 1 FROM held_alerts WHERE case_id = '${id}'`)).toEqual([]);

		// The service worker shows it and records the case as announced, so catch-up and live stay quiet about it.
		await deliverPush(page, JSON.stringify(summary!.payload));
		await expect
			.poll(async () => (await shownNotifications(page)).find((n) => n.tag === 'quiet-summary')?.body)
			.toContain('段小雨');
		expect(await shownRecord(page, id)).toMatchObject({ alert: true });
	} finally {
		await peer.close();
	}
});
