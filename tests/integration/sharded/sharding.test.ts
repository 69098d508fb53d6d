import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { distanceToCellKm, encodeGeohash } from '../../../src/lib/geo';
import { startFanout } from '../../../functions/fanout/plan';
import { insertCase } from '../helpers/cases';
import { peer, storeDevicesSharded, waitForDeliveries } from '../helpers/peer';
import { call, fakeSubscription, jsonRequest } from '../helpers/requests';

const SHARD_W = (env as unknown as { DB_SHARD_W: D1Database }).DB_SHARD_W;
const CENTRE = { lat: 31.2304, lon: 121.4737 }; // Shanghai, in prefix "wtw", near the edge of "wtt" / "wtq" / "wte"

async function rowsIn(db: D1Database, endpoint: string) {
	const { results } = await db
		.prepare('SELECT geohash, regions FROM subscription_regions WHERE endpoint = ? ORDER BY geohash')
		.bind(endpoint)
		.all<{ geohash: string; regions: string }>();
	return results;
}

describe('two subscriber shards', () => {
	it('writes each region row to its own shard, self-contained, and deletes from both', async () => {
		const subscription = fakeSubscription();
		const regions = ['wtw3s', 'wtt9z'];
		expect((await call(jsonRequest('POST', '/api/subscriptions', { subscription, regions }))).status).toBe(
			201
		);
		expect(await rowsIn(SHARD_W, subscription.endpoint)).toEqual([
			{ geohash: 'wtw3s', regions: 'wtw3s,wtt9z' }
		]);
		expect(await rowsIn(env.DB, subscription.endpoint)).toEqual([
			{ geohash: 'wtt9z', regions: 'wtw3s,wtt9z' }
		]);

		expect(
			(await call(jsonRequest('POST', '/api/subscriptions', { subscription, regions: ['wtt9z'] }))).status
		).toBe(200);
		expect(await rowsIn(SHARD_W, subscription.endpoint)).toEqual([]);
		expect(await rowsIn(env.DB, subscription.endpoint)).toEqual([{ geohash: 'wtt9z', regions: 'wtt9z' }]);

		await call(jsonRequest('POST', '/api/subscriptions', { subscription, regions }));
		expect(
			(
				await call(
					jsonRequest('DELETE', '/api/subscriptions', {
						endpoint: subscription.endpoint,
						auth: subscription.keys.auth
					})
				)
			).status
		).toBe(204);
		expect([
			...(await rowsIn(SHARD_W, subscription.endpoint)),
			...(await rowsIn(env.DB, subscription.endpoint))
		]).toEqual([]);
	});

	it('serves a circle across the shard boundary from both shards, one message per device, and 410 removes everywhere', async () => {
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		await SHARD_W.exec('DELETE FROM subscription_regions');
		const cells: string[] = [];
		for (let dLat = -1.2; dLat <= 1.2; dLat += 0.15)
			for (let dLon = -1.4; dLon <= 1.4; dLon += 0.15)
				cells.push(encodeGeohash(CENTRE.lat + dLat, CENTRE.lon + dLon, 5));
		const inW = cells.filter((g) => g.startsWith('wtw'));
		const elsewhere = cells.filter((g) => !g.startsWith('wtw'));
		expect(inW.length).toBeGreaterThan(10);
		expect(elsewhere.length).toBeGreaterThan(10);
		// Devices with regions in one shard, the other, or both (the "both" ones must get one message).
		const plan = cells.map((g, i) => ({
			id: `s-${i}`,
			regions: i % 3 === 0 ? [g, (i % 2 ? inW : elsewhere)[i % 10]!] : [g]
		}));
		const registered = await peer.register(plan.map((p) => p.id));
		await storeDevicesSharded(
			registered.map((r, i) => ({ ...r, regions: [...new Set(plan[i]!.regions)] })),
			(g) => (g.startsWith('wtw') ? SHARD_W : env.DB)
		);
		const expected = plan
			.filter((p) => p.regions.some((g) => distanceToCellKm(CENTRE, g) <= 100))
			.map((p) => p.id);
		const gone = expected.filter((_, i) => i % 17 === 0);
		await peer.faults(Object.fromEntries(gone.map((id) => [id, [{ status: 410 as const }]])));

		const row = await insertCase({ ...CENTRE, radius_km: 100 });
		const jobs = await startFanout(env, row, { kind: 'alert' });
		expect(jobs.map((id) => id.split(':').at(-2))).toEqual(['DB', 'DB_SHARD_W']);
		await waitForDeliveries(row.id, 'alert', expected.length);

		const { received } = await peer.received();
		const ids = received.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.sort()).toEqual(expected.filter((id) => !gone.includes(id)).sort());
		const perShard = await env.DB.prepare(
			`SELECT shard, selected FROM fanout_jobs WHERE case_id = ? ORDER BY shard`
		)
			.bind(row.id)
			.all<{ shard: string; selected: number }>();
		for (const shard of perShard.results) expect(shard.selected, shard.shard).toBeGreaterThan(0);

		for (const db of [env.DB, SHARD_W]) {
			const left = await db
				.prepare(
					`SELECT count(*) AS n FROM subscription_regions WHERE subscription_id IN (${gone.map(() => '?').join(',')})`
				)
				.bind(...gone)
				.first<{ n: number }>();
			expect(left?.n).toBe(0);
		}
	}, 90_000);
});
