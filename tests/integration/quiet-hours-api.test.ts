import { env } from 'cloudflare:test';
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

describe('changing quiet hours while alerts are held', () => {
	it('brings the release forward to the new end, or to now when they are turned off', async () => {
		const subscription = fakeSubscription();
		const address = '198.51.100.43';
		const created = await subscribe({ subscription, regions: ['wx4g0'], quietHours: NIGHT }, address);
		const { id } = (await created.json()) as { id: string };
		const far = '2999-01-01T00:00:00.000Z';
		await env.DB.prepare(
			`INSERT INTO held_alerts (subscription_id, case_id, batch_id, geohash, release_at, created_at) VALUES (?, 'held-case', 'b', 'wx4g0', ?, '')`
		)
			.bind(id, far)
			.run();
		const releaseAt = () =>
			env.DB.prepare(`SELECT release_at FROM held_alerts WHERE subscription_id = ?`)
				.bind(id)
				.first<{ release_at: string }>()
				.then((row) => Date.parse(row!.release_at));

		// Re-sent without quiet hours (a region change): nothing moves.
		await subscribe({ subscription, regions: ['wx4g1'] }, address);
		expect(await releaseAt()).toBe(Date.parse(far));
		// New hours: released by their end at the latest (within the coming day).
		await subscribe({ subscription, regions: ['wx4g1'], quietHours: NIGHT }, address);
		expect(await releaseAt()).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
		// Turned off: due now, for the next Cron run.
		const before = Date.now();
		await subscribe({ subscription, regions: ['wx4g1'], quietHours: null }, address);
		expect(await releaseAt()).toBeGreaterThanOrEqual(before - 1000);
		expect(await releaseAt()).toBeLessThanOrEqual(Date.now());
	});
});
