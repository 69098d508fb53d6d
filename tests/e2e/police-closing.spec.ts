import { expect, test } from '@playwright/test';
import { E2E_ORIGIN } from '../../playwright.config';
import { encodeGeohash } from '../../src/lib/geo';
import { openConsole } from './support/console';
import { publishCase } from './support/police-api';
import { startPushPeer } from './support/push';

const SCREENSHOTS = 'test-results/screenshots';

test('a new case starts with age and sex empty and required; on a 390 px phone the time field shows whole', async ({
	browser
}) => {
	const officer = await openConsole(browser, 'demo-officer');
	await officer.setViewportSize({ width: 390, height: 844 });
	await officer.getByTestId('new-case').click();
	const age = officer.getByLabel('年龄');
	const sex = officer.getByLabel('性别');
	await expect(age).toHaveValue('');
	await expect(sex).toHaveValue('');
	await expect(age).toHaveAttribute('required');
	await expect(sex).toHaveAttribute('required');
	// Rendered geometry: the input is wide enough for a whole date and time in its own font, plus the picker.
	const time = officer.getByLabel('走失时间');
	const room = await time.evaluate((el: HTMLInputElement) => {
		const style = getComputedStyle(el);
		const context = document.createElement('canvas').getContext('2d')!;
		context.font = `${style.fontSize} ${style.fontFamily}`;
		const text = context.measureText('12/06/2026, 07:28 PM').width;
		return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24 - text;
	});
	expect(room).toBeGreaterThanOrEqual(0);
	// The pin MapLibre draws is announced in Chinese, not as "Map marker".
	await officer.getByLabel('纬度').fill('29.6');
	await officer.getByLabel('经度').fill('91.1');
	await expect(officer.getByTestId('map-pin')).toHaveAttribute('aria-label', '地图标记');
	await officer.screenshot({ path: `${SCREENSHOTS}/police-editor-390.png`, fullPage: true });
	await officer.context().close();
});

test('marking found and withdrawing both ask first, naming how many phones will be told; progress is counted per message', async ({
	browser,
	request
}) => {
	// Lhasa, 10 km: no other spec subscribes there. One phone in the area, so the counts are not all zero.
	const fields = {
		childName: '次仁卓玛',
		age: 8,
		sex: 'female',
		contactPhone: '0891-110',
		lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString(),
		placeName: '拉萨市城关区 八廓街',
		lat: 29.65,
		lon: 91.13,
		radiusKm: 10
	};
	const peer = await startPushPeer(request);
	try {
		const device = peer.register('closing-phone');
		const subscribed = await request.post('/api/subscriptions', {
			headers: { Origin: E2E_ORIGIN },
			data: {
				subscription: { endpoint: device.endpoint, keys: device.keys },
				regions: [encodeGeohash(fields.lat, fields.lon, 5)]
			}
		});
		expect(subscribed.status()).toBe(201);
		const id = await publishCase(request, fields);
		await expect.poll(() => peer.received.length, { timeout: 30_000 }).toBe(1);

		// The ministry's duty officer drafted these Lhasa cases (publishCase) and handed them to Shanghai: only an
		// approver there, not its officer, may withdraw a case someone else wrote (API.md "Police units").
		const officer = await openConsole(browser, 'demo-approver');
		await officer.goto(`/police/cases/${id}`);
		await expect(officer.getByTestId('progress-alert').locator('progress')).toHaveAttribute('value', '1');

		// "标记为已找到" asks; going back changes nothing.
		await officer.getByTestId('resolve').click();
		const dialog = officer.getByTestId('confirm-dialog');
		await expect(dialog).toBeVisible();
		await expect(dialog.getByTestId('confirm-text')).toContainText('收到警报的 1 部手机');
		await officer.screenshot({ path: `${SCREENSHOTS}/police-confirm-resolve.png` });
		await dialog.getByRole('button', { name: '返回' }).click();
		await expect(dialog).toBeHidden();
		await expect(officer.getByTestId('police-case-title')).toContainText('寻找中');
		expect(peer.received.length).toBe(1);

		await officer.getByTestId('resolve').click();
		await dialog.getByTestId('confirm-resolve').click();
		await expect(officer.getByTestId('police-case-title')).toContainText('已找到');
		await expect.poll(() => peer.received.length, { timeout: 30_000 }).toBe(2);
		// The alert and the "found" message, each its own bar and counts.
		await expect(officer.getByTestId('progress-resolved').locator('progress')).toHaveAttribute('value', '1');
		await expect(officer.getByTestId('progress-alert')).toContainText('1 / 1');
		await officer.screenshot({ path: `${SCREENSHOTS}/police-progress-resolved.png`, fullPage: true });

		// "撤销（误发）" asks too.
		const second = await publishCase(request, { ...fields, childName: '次仁央金' });
		await expect.poll(() => peer.received.length, { timeout: 30_000 }).toBe(3);
		await officer.goto(`/police/cases/${second}`);
		await officer.getByTestId('cancel').click();
		await expect(dialog.getByTestId('confirm-text')).toContainText('误发撤销');
		await expect(dialog.getByTestId('confirm-text')).toContainText('1 部手机');
		await dialog.getByTestId('confirm-cancel').click();
		await expect(officer.getByTestId('police-case-title')).toContainText('已撤销');
		await officer.context().close();
	} finally {
		await peer.close();
	}
});
