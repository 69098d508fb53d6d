import { describe, expect, it } from 'vitest';
import { call, callWith, errorOf, fakeSubscription, jsonRequest, regionRows } from './helpers/requests';

const REGIONS = ['wx4g0', 'wtw3s'];

describe('POST /api/subscriptions', () => {
	it('creates, then updates by endpoint, keeping exactly the geohash-5 regions and no coordinates', async () => {
		const subscription = fakeSubscription();
		const created = await call(
			jsonRequest('POST', '/api/subscriptions', { subscription, regions: REGIONS, lang: 'en' })
		);
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };

		const rows = await regionRows(subscription.endpoint);
		expect(rows.map((row) => row.geohash)).toEqual(['wtw3s', 'wx4g0']);
		expect(Object.keys(rows[0]!).sort()).not.toContain('lat');
		expect(Object.keys(rows[0]!).sort()).not.toContain('lon');
		expect(rows[0]).toMatchObject({ lang: 'en', regions: 'wx4g0,wtw3s', subscription_id: id });

		const updated = await call(
			jsonRequest('POST', '/api/subscriptions', { subscription, regions: ['ws0e9'], lang: 'zh-CN' })
		);
		expect(updated.status).toBe(200);
		expect(await updated.json()).toEqual({ id });
		expect((await regionRows(subscription.endpoint)).map((row) => row.geohash)).toEqual(['ws0e9']);
	});

	it('accepts every allow-listed push service', async () => {
		for (const host of [
			'fcm.googleapis.com',
			'updates.push.services.mozilla.com',
			'web.push.apple.com',
			'wns2-by3p.notify.windows.com'
		]) {
			const response = await call(
				jsonRequest(
					'POST',
					'/api/subscriptions',
					{ subscription: fakeSubscription(host), regions: ['wx4g0'] },
					`203.0.113.${host.length}`
				)
			);
			expect(response.status, host).toBe(201);
		}
	});

	it.each([
		['a host that is no push service', 'https://evil.example/push/1'],
		['plain http to a push service', 'http://fcm.googleapis.com/fcm/send/1'],
		['an explicit port', 'https://fcm.googleapis.com:8443/fcm/send/1'],
		['a look-alike host', 'https://fcm.googleapis.com.evil.example/x'],
		['a local peer outside local mode', 'http://127.0.0.1:9999/push/1']
	])('refuses %s with endpoint_not_allowed and stores nothing', async (_name, endpoint) => {
		const subscription = { ...fakeSubscription(), endpoint };
		const response = await call(
			jsonRequest('POST', '/api/subscriptions', { subscription, regions: ['wx4g0'] })
		);
		expect(response.status).toBe(400);
		expect(await errorOf(response)).toMatchObject({
			code: 'endpoint_not_allowed',
			field: 'subscription.endpoint'
		});
		expect(await regionRows(endpoint)).toEqual([]);
	});

	it('accepts a local peer in local mode only', async () => {
		const subscription = { ...fakeSubscription(), endpoint: 'http://127.0.0.1:9999/push/local-1' };
		const request = () => jsonRequest('POST', '/api/subscriptions', { subscription, regions: ['wx4g0'] });
		expect((await callWith({ REUNION_LOCAL: '1' }, request())).status).toBe(201);
		expect((await callWith({ REUNION_LOCAL: 'true' }, request())).status).toBe(400);
	});

	it.each([
		['malformed JSON', '{"subscription": ', 400, 'invalid_json', undefined],
		[
			'a wrong type',
			{ subscription: fakeSubscription(), regions: 'wx4g0' },
			400,
			'validation_failed',
			'regions'
		],
		[
			'a bad geohash',
			{ subscription: fakeSubscription(), regions: ['wx4ga'] },
			400,
			'validation_failed',
			'regions.0'
		],
		[
			'a geohash of 6 characters',
			{ subscription: fakeSubscription(), regions: ['wx4g0b'] },
			400,
			'validation_failed',
			'regions.0'
		],
		['no regions', { subscription: fakeSubscription(), regions: [] }, 400, 'validation_failed', 'regions'],
		[
			'four regions',
			{ subscription: fakeSubscription(), regions: ['wx4g0', 'wx4g1', 'wx4g2', 'wx4g3'] },
			400,
			'validation_failed',
			'regions'
		],
		[
			'an unknown language',
			{ subscription: fakeSubscription(), regions: ['wx4g0'], lang: 'fr' },
			400,
			'validation_failed',
			'lang'
		],
		[
			'a short auth key',
			{
				subscription: { ...fakeSubscription(), keys: { p256dh: fakeSubscription().keys.p256dh, auth: 'x' } },
				regions: ['wx4g0']
			},
			400,
			'validation_failed',
			'subscription.keys.auth'
		]
	])('refuses %s', async (_name, body, status, code, field) => {
		const response = await call(jsonRequest('POST', '/api/subscriptions', body));
		expect(response.status).toBe(status);
		const error = await errorOf(response);
		expect(error.code).toBe(code);
		expect(error.field).toBe(field);
		expect(error.message.length).toBeGreaterThan(5);
	});

	it('refuses a body over 16 KB with 413 and stores nothing', async () => {
		const subscription = fakeSubscription();
		const body = JSON.stringify({ subscription, regions: ['wx4g0'], padding: 'x'.repeat(17 * 1024) });
		const response = await call(jsonRequest('POST', '/api/subscriptions', body));
		expect(response.status).toBe(413);
		expect((await errorOf(response)).code).toBe('too_large');
		expect(await regionRows(subscription.endpoint)).toEqual([]);
	});

	it('refuses a body that is not JSON with 415', async () => {
		const request = new Request('https://reunion.test/api/subscriptions', {
			method: 'POST',
			body: 'regions=wx4g0',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
		});
		const response = await call(request);
		expect(response.status).toBe(415);
		expect((await errorOf(response)).code).toBe('unsupported_media_type');
	});

	it('limits how often one address subscribes (429 + Retry-After), counting in D1', async () => {
		const address = '192.0.2.99';
		const statuses = [];
		for (let i = 0; i < 4; i++) {
			const response = await callWith(
				{ SUBSCRIBE_RATE_LIMIT: '3' },
				jsonRequest(
					'POST',
					'/api/subscriptions',
					{ subscription: fakeSubscription(), regions: ['wx4g0'] },
					address
				)
			);
			statuses.push(response.status);
			if (response.status === 429) {
				expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
				expect((await errorOf(response)).code).toBe('rate_limited');
			}
		}
		expect(statuses).toEqual([201, 201, 201, 429]);
		const other = await callWith(
			{ SUBSCRIBE_RATE_LIMIT: '3' },
			jsonRequest(
				'POST',
				'/api/subscriptions',
				{ subscription: fakeSubscription(), regions: ['wx4g0'] },
				'192.0.2.100'
			)
		);
		expect(other.status).toBe(201);
	});
});

describe('DELETE /api/subscriptions', () => {
	it('deletes with the matching auth, refuses another auth, and answers 204 for an unknown endpoint', async () => {
		const subscription = fakeSubscription();
		await call(
			jsonRequest('POST', '/api/subscriptions', { subscription, regions: REGIONS }, '198.51.100.20')
		);

		const wrong = await call(
			jsonRequest('DELETE', '/api/subscriptions', {
				endpoint: subscription.endpoint,
				auth: 'AAAAAAAAAAAAAAAAAAAAAA'
			})
		);
		expect(wrong.status).toBe(403);
		expect((await errorOf(wrong)).code).toBe('auth_mismatch');
		expect(await regionRows(subscription.endpoint)).toHaveLength(2);

		const right = await call(
			jsonRequest('DELETE', '/api/subscriptions', {
				endpoint: subscription.endpoint,
				auth: subscription.keys.auth
			})
		);
		expect(right.status).toBe(204);
		expect(await regionRows(subscription.endpoint)).toEqual([]);

		const unknown = await call(
			jsonRequest('DELETE', '/api/subscriptions', {
				endpoint: 'https://fcm.googleapis.com/fcm/send/none',
				auth: 'x'
			})
		);
		expect(unknown.status).toBe(204);
	});
});
