import { expect, test } from '@playwright/test';
import { encodeGeohash } from '../../src/lib/geo';
import { police, publishCase, signIn } from './support/police-api';
import { startPushPeer } from './support/push';
import { subscribeAtCity } from './support/regions';

const URUMQI = { lat: 43.8256, lon: 87.6168 };

test('an exercise reaches only an officer’s registered device, titled 【演练】, and no public page or API', async ({
	page,
	request
}) => {
	const peer = await startPushPeer(request);
	try {
		// A member of the public subscribes through the page, at Ürümqi.
		const publicDevice = peer.register('public-device');
		await subscribeAtCity(page, publicDevice, 'urumqi');

		// An officer registers their own phone in the same region.
		const officerDevice = peer.register('officer-device');
		const officer = await signIn(request, 'demo-officer');
		const registered = await police(request, officer, 'POST', '/api/police/devices', {
			subscription: { endpoint: officerDevice.endpoint, keys: officerDevice.keys },
			regions: [encodeGeohash(URUMQI.lat, URUMQI.lon, 5)]
		});
		expect(registered.status).toBe(201);

		const id = await publishCase(request, {
			childName: '演练儿童',
			age: 6,
			sex: 'female',
			contactPhone: '110',
			lastSeenAt: new Date(Date.now() - 20 * 60_000).toISOString(),
			placeName: '乌鲁木齐市天山区',
			...URUMQI,
			radiusKm: 50,
			exercise: true
		});

		await expect.poll(() => peer.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
		// The fan-out is finished once the deliveries say nothing is pending; only then is "nothing" meaningful.
		await expect
			.poll(
				async () =>
					(await police<{ pending: number }>(request, officer, 'GET', `/api/police/cases/${id}/deliveries`))
						.body.pending,
				{
					timeout: 30_000
				}
			)
			.toBe(0);
		expect(peer.received.map((r) => r.id)).toEqual(['officer-device']);
		expect(peer.received[0]!.payload).toMatchObject({
			title: expect.stringMatching(/^【演练】/),
			exercise: true
		});

		// No public surface: the case page, the case API and the alerts near the place.
		const casePage = await page.goto(`/cases/${id}`);
		expect(casePage?.status()).toBe(404);
		expect((await request.get(`/api/cases/${id}`)).status()).toBe(404);
		const nearby = (await (await request.get(`/api/alerts?lat=${URUMQI.lat}&lon=${URUMQI.lon}`)).json()) as {
			alerts: { id: string }[];
		};
		expect(nearby.alerts.map((a) => a.id)).not.toContain(id);
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByText('演练儿童')).toHaveCount(0);
	} finally {
		await peer.close();
	}
});
