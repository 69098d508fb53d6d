import { expect, test } from '@playwright/test';
import { deliverPush, shownNotifications, startPushPeer } from './support/push';
import { publishCase } from './support/police-api';
import { subscribeAtCity } from './support/regions';

test('an approved case reaches a subscribed browser: the peer decrypts the real message and the notification shows the child', async ({
	page,
	request
}) => {
	const peer = await startPushPeer(request);
	try {
		const device = peer.register('browser-1');
		// Subscribe through the page, at Chengdu, where no demo case is published.
		await subscribeAtCity(page, device, 'chengdu');

		const id = await publishCase(request, {
			childName: '周小可',
			age: 8,
			sex: 'male',
			contactPhone: '110',
			lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString(),
			placeName: '成都市锦江区 春熙路',
			lat: 30.657,
			lon: 104.08,
			radiusKm: 100
		});

		await expect.poll(() => peer.received.length, { timeout: 30_000 }).toBe(1);
		const [arrived] = peer.received;
		expect(arrived!.payload).toMatchObject({ kind: 'alert', caseId: id, url: `/cases/${id}` });
		expect(peer.rejected).toEqual([]);

		await deliverPush(page, JSON.stringify(arrived!.payload));
		await expect
			.poll(async () => (await shownNotifications(page)).map((n) => n.title).join('|'))
			.toContain('周小可');
		const [shown] = (await shownNotifications(page)).filter((n) => n.tag === id);
		expect(shown?.data).toMatchObject({ url: `/cases/${id}` });
	} finally {
		await peer.close();
	}
});
