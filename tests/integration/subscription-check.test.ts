import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { findSubscription, subscriptionIdFor } from '../../functions/db/subscriptions';
import { createShardMap } from '../../functions/db/shards';
import { peer, storeDevices } from './helpers/peer';

const BASE = 'https://reunion.test/api/subscriptions/check';

/** A device subscribed at the peer, stored as the subscription route would (id derived from the endpoint). */
async function device(name: string) {
	const [subscriber] = await peer.register([name]);
	const id = await subscriptionIdFor(subscriber!.endpoint);
	await storeDevices([{ ...subscriber!, id, regions: ['wtw3s'] }]);
	return { ...subscriber!, id, peerId: subscriber!.id };
}

function post(path: string, body?: unknown): Promise<Response> {
	return SELF.fetch(`${BASE}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

async function state(checkId: string): Promise<{ state: string; detail?: string }> {
	return (await (await SELF.fetch(`${BASE}/${checkId}`)).json()) as { state: string; detail?: string };
}

beforeEach(async () => {
	await peer.reset();
});

describe('POST /api/subscriptions/check', () => {
	it('sends a test push and counts it delivered only when the service worker reports it', async () => {
		const phone = await device('check-ok');
		const started = await post('', { endpoint: phone.endpoint, auth: phone.keys.auth });
		expect(started.status).toBe(202);
		const { checkId, pushService } = (await started.json()) as { checkId: string; pushService: string };
		expect(pushService).toBe('other');
		const { received } = await peer.received();
		expect(received.map((message) => message.payload)).toContainEqual(
			expect.objectContaining({ kind: 'check', checkId })
		);
		// The push service took it (201): that alone is not delivery.
		expect(await state(checkId)).toEqual({ state: 'sent' });
		expect((await post(`/${checkId}/received`)).status).toBe(204);
		expect(await state(checkId)).toEqual({ state: 'received' });
		expect((await post(`/${checkId}/received`)).status).toBe(409);
	});

	it('reports a push service that refuses or forgets the subscription as failed', async () => {
		const refused = await device('check-500');
		await peer.faults({ [refused.peerId]: [{ status: 500 }] });
		const first = (await (
			await post('', { endpoint: refused.endpoint, auth: refused.keys.auth })
		).json()) as {
			checkId: string;
		};
		expect(await state(first.checkId)).toEqual({ state: 'failed', detail: 'HTTP 500' });

		const gone = await device('check-410');
		await peer.faults({ [gone.peerId]: [{ status: 410 }] });
		const second = (await (await post('', { endpoint: gone.endpoint, auth: gone.keys.auth })).json()) as {
			checkId: string;
		};
		expect(await state(second.checkId)).toEqual({ state: 'failed', detail: 'subscription gone' });
		expect(await findSubscription(createShardMap(env), gone.id)).toBeNull();
	});

	it('says expired when no receipt came in time, and refuses a late receipt', async () => {
		const phone = await device('check-late');
		const checkId = crypto.randomUUID();
		await env.DB.prepare(
			`INSERT INTO subscription_checks (id, subscription_id, state, created_at) VALUES (?, ?, 'sent', ?)`
		)
			.bind(checkId, phone.id, new Date(Date.now() - 10 * 60_000).toISOString())
			.run();
		expect(await state(checkId)).toEqual({ state: 'expired' });
		expect((await post(`/${checkId}/received`)).status).toBe(409);
		expect(await state(checkId)).toEqual({ state: 'expired' });
	});

	it('allows 3 checks per subscription per hour', async () => {
		const phone = await device('check-limit');
		for (let i = 0; i < 3; i++)
			expect((await post('', { endpoint: phone.endpoint, auth: phone.keys.auth })).status).toBe(202);
		const fourth = await post('', { endpoint: phone.endpoint, auth: phone.keys.auth });
		expect(fourth.status).toBe(429);
		expect(Number(fourth.headers.get('Retry-After'))).toBeGreaterThan(3500);
		// Another device is not held back by this one's checks.
		const other = await device('check-limit-2');
		expect((await post('', { endpoint: other.endpoint, auth: other.keys.auth })).status).toBe(202);
	});

	it('refuses a wrong auth key, an unknown device, a bad body and an unknown check', async () => {
		const phone = await device('check-refuse');
		const wrong = await post('', { endpoint: phone.endpoint, auth: 'not-the-key' });
		expect(wrong.status).toBe(403);
		expect(await wrong.json()).toMatchObject({ error: { code: 'auth_mismatch' } });
		expect((await post('', { endpoint: 'http://127.0.0.1:9/unknown', auth: 'x' })).status).toBe(404);
		expect((await post('', { endpoint: phone.endpoint })).status).toBe(400);
		expect((await SELF.fetch(`${BASE}/not-a-uuid`)).status).toBe(404);
		expect((await SELF.fetch(`${BASE}/${crypto.randomUUID()}`)).status).toBe(404);
		expect((await post(`/${crypto.randomUUID()}/received`)).status).toBe(404);
	});
});
