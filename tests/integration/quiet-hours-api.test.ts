import { describe, expect, it } from 'vitest';
import { call, errorOf, fakeSubscription, jsonRequest, regionRows } from './helpers/requests';

const NIGHT = { start: '22:30', end: '07:00', timeZone: 'Asia/Shanghai' };
const subscribe = (body: Record<string, unknown>, address: string) =>
	call(jsonRequest('POST', '/api/subscriptions', body, address));

describe('POST /api/subscriptions with quietHours (API.md "Subscriptions")', () => {
	it('stores quiet hours on every region row, keeps them when omitted and clears them with null', async () => {
		const subscription = fakeSubscription();
		const regions = ['wx4g0', 'wtw3s'];
		const address = '198.51.100.41';
		expect((await subscribe({ subscription, regions, quietHours: NIGHT }, address)).status).toBe(201);
		for (const row of await regionRows(subscription.endpoint))
			expect(row).toMatchObject({
				quiet_start: 22 * 60 + 30,
				quiet_end: 7 * 60,
				quiet_zone: 'Asia/Shanghai'
			});

		// A re-subscribe without the field (e.g. the service worker after pushsubscriptionchange) keeps them.
		expect((await subscribe({ subscription, regions: ['ws0e9'] }, address)).status).toBe(200);
		expect(await regionRows(subscription.endpoint)).toEqual([
			expect.objectContaining({
				geohash: 'ws0e9',
				quiet_start: 1350,
				quiet_end: 420,
				quiet_zone: 'Asia/Shanghai'
			})
		]);

		expect((await subscribe({ subscription, regions, quietHours: null }, address)).status).toBe(200);
		for (const row of await regionRows(subscription.endpoint))
			expect(row).toMatchObject({ quiet_start: null, quiet_end: null, quiet_zone: null });
	});

	it.each([
		['a time that is not HH:MM', { ...NIGHT, start: '7:00' }, 'quietHours.start'],
		['an hour past 23', { ...NIGHT, end: '24:00' }, 'quietHours.end'],
		['an unknown time zone', { ...NIGHT, timeZone: 'Mars/Olympus' }, 'quietHours.timeZone'],
		['equal start and end', { ...NIGHT, end: NIGHT.start }, 'quietHours.end']
	])('refuses %s with a 400 on the field and stores nothing', async (_name, quietHours, field) => {
		const subscription = fakeSubscription();
		const response = await subscribe({ subscription, regions: ['wx4g0'], quietHours }, '198.51.100.42');
		expect(response.status).toBe(400);
		expect(await errorOf(response)).toMatchObject({ code: 'validation_failed', field });
		expect(await regionRows(subscription.endpoint)).toEqual([]);
	});
});
