import { beforeAll, describe, expect, it } from 'vitest';
import { login, policeFetch } from './helpers/police';
import { call, errorOf, fakeSubscription, jsonRequest, regionRows } from './helpers/requests';

let officer: string;
beforeAll(async () => {
	officer = await login('demo-officer');
});

describe('an officer’s device (POST /api/police/devices)', () => {
	it('takes API.md’s `{ subscription }` for a device that already chose a region, keeping that region', async () => {
		const subscription = fakeSubscription();
		const subscribed = await call(
			jsonRequest('POST', '/api/subscriptions', { subscription, regions: ['wtw3s'], lang: 'en' })
		);
		expect(subscribed.status).toBe(201);
		const marked = await policeFetch(officer, 'POST', '/api/police/devices', { subscription });
		expect(marked.status).toBe(201);
		const rows = await regionRows(subscription.endpoint);
		expect(rows.map((r) => [r.geohash, r.lang, r.officer_user_id !== null])).toEqual([['wtw3s', 'en', true]]);
	});

	it('asks a device with no region yet to choose one, naming the field', async () => {
		const refused = await policeFetch(officer, 'POST', '/api/police/devices', {
			subscription: fakeSubscription()
		});
		expect(refused.status).toBe(400);
		expect(await errorOf(refused)).toMatchObject({ code: 'validation_failed', field: 'regions' });
	});

	it('stays an officer’s device when the public page re-subscribes it with new regions', async () => {
		const subscription = fakeSubscription();
		await policeFetch(officer, 'POST', '/api/police/devices', { subscription, regions: ['wx4g0'] });
		const moved = await call(
			jsonRequest('POST', '/api/subscriptions', { subscription, regions: ['wtw3s', 'ws10k'], lang: 'zh-CN' })
		);
		expect(moved.status).toBe(200);
		const rows = await regionRows(subscription.endpoint);
		expect(rows.map((r) => r.geohash)).toEqual(['ws10k', 'wtw3s']);
		expect(rows.every((r) => r.officer_user_id !== null)).toBe(true);
	});
});
