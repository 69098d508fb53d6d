import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, fakeSubscription, jsonRequest } from '../helpers/requests';

const shards = env as unknown as { DB_SHARD_1: D1Database; DB_SHARD_2: D1Database };

async function geohashesIn(db: D1Database, endpoint: string) {
	const { results } = await db
		.prepare('SELECT geohash FROM subscription_regions WHERE endpoint = ? ORDER BY geohash')
		.bind(endpoint)
		.all<{ geohash: string }>();
	return results.map((row) => row.geohash);
}

describe('three subscriber shards', () => {
	it('keeps each region in the shard of its prefix: Shanghai in 1, Guangzhou in 2, Beijing in the case database', async () => {
		const subscription = fakeSubscription();
		// A device has at most three regions (home, work, school).
		const regions = ['wtw3s', 'ws10k', 'wx4g0'];
		const response = await call(jsonRequest('POST', '/api/subscriptions', { subscription, regions }));
		expect(response.status).toBe(201);
		expect(await geohashesIn(shards.DB_SHARD_1, subscription.endpoint)).toEqual(['wtw3s']);
		expect(await geohashesIn(shards.DB_SHARD_2, subscription.endpoint)).toEqual(['ws10k']);
		expect(await geohashesIn(env.DB, subscription.endpoint)).toEqual(['wx4g0']);
	});
});
