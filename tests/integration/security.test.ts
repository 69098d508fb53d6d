// The reproductions of issue 13 (a security probe), each refused.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../src/lib/geo';
import { jpegWithGps } from './helpers/images';
import { DRAFT, login, ORIGIN, policeFetch, submitAndApprove } from './helpers/police';
import { call, errorOf, fakeSubscription, jsonRequest, regionRows } from './helpers/requests';

let officer: string, approver: string;
beforeAll(async () => {
	officer = await login('demo-officer');
	approver = await login('demo-approver');
});

async function draft(): Promise<string> {
	const created = await policeFetch(officer, 'POST', '/api/police/cases', DRAFT);
	expect(created.status).toBe(201);
	return ((await created.json()) as { id: string }).id;
}

async function publish(id: string): Promise<void> {
	await submitAndApprove(officer, approver, id, DRAFT.childName);
}

async function cancel(id: string): Promise<void> {
	const cancelled = await policeFetch(officer, 'POST', `/api/police/cases/${id}/cancel`, {
		reason: '误发 sent in error'
	});
	expect(cancelled.status).toBe(200);
}

describe('cancelled cases in public view', () => {
	it('a published case withdrawn as sent in error no longer serves its photo', async () => {
		const id = await draft();
		const uploaded = await SELF.fetch(`${ORIGIN}/api/police/cases/${id}/photo`, {
			method: 'PUT',
			headers: { Origin: ORIGIN, Cookie: officer, 'Content-Type': 'image/jpeg' },
			body: jpegWithGps()
		});
		expect(uploaded.status).toBe(200);
		const { photoUrl } = (await uploaded.json()) as { photoUrl: string };
		await publish(id);
		const served = await SELF.fetch(`${ORIGIN}${photoUrl}`);
		expect(served.status).toBe(200);
		await served.arrayBuffer();
		await cancel(id);
		const gone = await SELF.fetch(`${ORIGIN}${photoUrl}`);
		expect(gone.status).toBe(404);
		expect(await errorOf(gone)).toMatchObject({ code: 'not_found' });
	});

	it('a case cancelled before it was ever published is unknown to the public, like a draft', async () => {
		const id = await draft();
		await cancel(id);
		const answer = await SELF.fetch(`${ORIGIN}/api/cases/${id}`);
		expect(answer.status).toBe(404);
		expect(await errorOf(answer)).toMatchObject({ code: 'not_found' });
		const tip = await call(
			jsonRequest('POST', `/api/cases/${id}/tips`, { message: 'seen' }, '198.51.100.81')
		);
		expect(tip.status).toBe(404);
	});

	it('a published case cancelled as sent in error answers only { id, status, cancelledAt }, and leaves the alerts', async () => {
		const id = await draft();
		await publish(id);
		const cell = encodeGeohash(DRAFT.lat, DRAFT.lon, 5);
		const listed = async () =>
			(
				(await (await SELF.fetch(`${ORIGIN}/api/alerts?geohash=${cell}&limit=200`)).json()) as {
					alerts: { id: string }[];
				}
			).alerts.map((alert) => alert.id);
		expect(await listed()).toContain(id);
		await cancel(id);

		const answer = await SELF.fetch(`${ORIGIN}/api/cases/${id}`);
		expect(answer.status).toBe(200);
		const body = (await answer.json()) as Record<string, unknown>;
		// API.md: no child fields; `signature` is on every public case answer (issue 10).
		expect(Object.keys(body).sort()).toEqual(['cancelledAt', 'id', 'signature', 'status']);
		expect(body).toMatchObject({ id, status: 'cancelled' });
		expect(Date.parse(String(body.cancelledAt))).not.toBeNaN();
		expect(JSON.stringify(body)).not.toContain(DRAFT.childName);
		expect(await listed()).not.toContain(id);
	});
});

describe('subscription takeover', () => {
	const attacker = { p256dh: fakeSubscription().keys.p256dh, auth: 'AAAAAAAAAAAAAAAAAAAAAA' };

	it('POST /api/subscriptions with a known endpoint and another auth: 403 auth_mismatch, nothing changed', async () => {
		const victim = fakeSubscription();
		const subscribed = await call(
			jsonRequest('POST', '/api/subscriptions', {
				subscription: victim,
				regions: ['wx4g0', 'wtw3s'],
				lang: 'en'
			})
		);
		expect(subscribed.status).toBe(201);
		const before = await regionRows(victim.endpoint);

		const takeover = await call(
			jsonRequest(
				'POST',
				'/api/subscriptions',
				{ subscription: { endpoint: victim.endpoint, keys: attacker }, regions: ['ws0e9'], lang: 'zh-CN' },
				'203.0.113.66'
			)
		);
		expect(takeover.status).toBe(403);
		expect(await errorOf(takeover)).toMatchObject({ code: 'auth_mismatch' });
		expect(await regionRows(victim.endpoint)).toEqual(before);

		// The real device still holds it: it can update and unsubscribe.
		const update = await call(
			jsonRequest('POST', '/api/subscriptions', { subscription: victim, regions: ['wx4g0'], lang: 'en' })
		);
		expect(update.status).toBe(200);
	});

	it('POST /api/police/devices with a known endpoint and another auth: 403, the device stays as it was', async () => {
		const victim = fakeSubscription();
		await call(
			jsonRequest('POST', '/api/subscriptions', { subscription: victim, regions: ['wtw3s'], lang: 'en' })
		);
		const before = await regionRows(victim.endpoint);
		const claimed = await policeFetch(officer, 'POST', '/api/police/devices', {
			subscription: { endpoint: victim.endpoint, keys: attacker },
			regions: ['wx4g0']
		});
		expect(claimed.status).toBe(403);
		expect(await errorOf(claimed)).toMatchObject({ code: 'auth_mismatch' });
		const after = await regionRows(victim.endpoint);
		expect(after).toEqual(before);
		expect(after.map((row) => [row.geohash, row.officer_user_id])).toEqual([['wtw3s', null]]);
	});
});

describe('photo keys', () => {
	it.each([
		['over 1,024 bytes', `cases/c-x/${'a'.repeat(1025)}.jpg`],
		['of another form', 'tips/secret.jpg'],
		['with a dot segment', 'cases/../x.jpg']
	])('answers 404 for a key %s, without a 500', async (_name, key) => {
		const answer = await SELF.fetch(`${ORIGIN}/api/photos/${key}`);
		expect(answer.status).toBe(404);
		expect(await errorOf(answer)).toMatchObject({ code: 'not_found' });
	});

	it('answers 404 for the 1,025-character key of the probe', async () => {
		expect((await SELF.fetch(`${ORIGIN}/api/photos/${'k'.repeat(1025)}`)).status).toBe(404);
	});
});

describe('JSON content type', () => {
	it.each(['application/json-patch+json', 'application/jsonx', 'text/json', 'application/json5'])(
		'refuses %s with 415',
		async (type) => {
			const request = new Request(`${ORIGIN}/api/subscriptions`, {
				method: 'POST',
				headers: { 'Content-Type': type, 'CF-Connecting-IP': '198.51.100.90' },
				body: JSON.stringify({ subscription: fakeSubscription(), regions: ['wx4g0'] })
			});
			const answer = await call(request);
			expect(answer.status).toBe(415);
			expect(await errorOf(answer)).toMatchObject({ code: 'unsupported_media_type' });
		}
	);

	it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])(
		'accepts %s',
		async (type) => {
			const request = new Request(`${ORIGIN}/api/subscriptions`, {
				method: 'POST',
				headers: { 'Content-Type': type, 'CF-Connecting-IP': '198.51.100.91' },
				body: JSON.stringify({ subscription: fakeSubscription(), regions: ['wx4g0'] })
			});
			expect((await call(request)).status).toBe(201);
		}
	);
});

describe('case text and times', () => {
	it.each([
		['a NUL byte in the name', { childName: '测试\0儿童' }, 'childName'],
		['a control character in the description', { description: 'red coat\u001b[2J' }, 'description'],
		['a last-seen time in year 0000', { lastSeenAt: '0000-01-01T00:00:00Z' }, 'lastSeenAt'],
		[
			'a last-seen time in the future',
			{ lastSeenAt: new Date(Date.now() + 86_400_000).toISOString() },
			'lastSeenAt'
		]
	])('refuses %s with validation_failed', async (_name, change, field) => {
		const answer = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, ...change });
		expect(answer.status).toBe(400);
		expect(await errorOf(answer)).toMatchObject({ code: 'validation_failed', field });
	});

	it('refuses a NUL byte in a public tip', async () => {
		const id = await draft();
		await publish(id);
		const answer = await call(
			jsonRequest('POST', `/api/cases/${id}/tips`, { message: 'seen\0here' }, '198.51.100.92')
		);
		expect(answer.status).toBe(400);
		expect(await errorOf(answer)).toMatchObject({ code: 'validation_failed', field: 'message' });
	});
});
