import { expect, test } from '@playwright/test';
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
