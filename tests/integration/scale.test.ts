import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { startFanout } from '../../functions/fanout/plan';
import { ROWS_PER_STEP } from '../../functions/fanout/step';
import { setSendingPaused } from '../../functions/db/settings';
import { decodeGeohash, encodeGeohash } from '../../src/lib/geo';
import { insertCase } from './helpers/cases';
import { devicesAt, peer, storeDevices } from './helpers/peer';
import { HandQueues } from './helpers/queues';

const CENTRE = { lat: 30.5728, lon: 104.0668 }; // Chengdu
const SEND_QUEUE_NAMES = ['reunion-send', 'reunion-send-1', 'reunion-send-2'];
// 3.5 send batches of 100: every one of three queues gets at least one.
const IDS = Array.from({ length: 350 }, (_, i) => `k-${i}`);

/** Messages received per device for one case. */
async function countsFor(caseId: string): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const r of (await peer.received()).received)
		if ((r.payload as { caseId?: string }).caseId === caseId) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
	return counts;
}

describe('several SEND queues', () => {
	it('k = 1 and k = 3 deliver to exactly the same devices, once each', async () => {
		const cell = await devicesAt(CENTRE, IDS);
		const sent: Record<string, Map<string, number>> = {};
		for (const k of ['1', '3']) {
			const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
			const queues = new HandQueues({ SEND_QUEUES: k });
			await startFanout(queues.env, row, { kind: 'alert' });
			await queues.deliver('reunion-fanout');
			const used = SEND_QUEUE_NAMES.filter((name) => queues.count(name) > 0);
			expect(used).toEqual(k === '1' ? ['reunion-send'] : SEND_QUEUE_NAMES);
			await queues.drain();
			expect(queues.dead).toEqual([]);
			sent[k] = await countsFor(row.id);
		}
		expect([...sent['1']!.keys()].sort()).toEqual([...IDS].sort());
		expect([...sent['3']!.keys()].sort()).toEqual([...IDS].sort());
		expect(new Set([...sent['1']!.values(), ...sent['3']!.values()])).toEqual(new Set([1]));
	});

	it('the pause holds every queue, and each device gets its message once after resume', async () => {
		const cell = await devicesAt(CENTRE, IDS);
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		const queues = new HandQueues({ SEND_QUEUES: '3' });
		await startFanout(queues.env, row, { kind: 'alert' });
		await queues.deliver('reunion-fanout');
		await setSendingPaused(env.DB, true, new Date());
		try {
			// More rounds than the send queues' max_retries (5): paused batches come back as fresh copies.
			for (let round = 0; round < 7; round++) await queues.deliver();
			for (const name of SEND_QUEUE_NAMES) expect(queues.count(name)).toBeGreaterThan(0);
			expect((await countsFor(row.id)).size).toBe(0);
		} finally {
			await setSendingPaused(env.DB, false, new Date());
		}
		await queues.drain();
		expect(queues.dead).toEqual([]);
		const counts = await countsFor(row.id);
		expect([...counts.keys()].sort()).toEqual([...IDS].sort());
		expect(new Set(counts.values())).toEqual(new Set([1]));
	});
});

describe('parallel selection', () => {
	it('walks a large circle as sub-jobs at once, each resuming on its own after a failure, every device once', async () => {
		// Devices scattered over 60 km: the covering has dozens of ranges, so several sub-jobs.
		const ids = Array.from({ length: 240 }, (_, i) => `p-${i}`);
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		const devices = await peer.register(ids);
		await storeDevices(
			devices.map((d, i) => {
				const km = Math.sqrt(((i * 7919) % 1000) / 1000) * 55;
				const bearing = (((i * 104729) % 3600) / 3600) * 2 * Math.PI;
				const lat = CENTRE.lat + (km / 111.2) * Math.cos(bearing);
				const lon = CENTRE.lon + (km / (111.2 * Math.cos((CENTRE.lat * Math.PI) / 180))) * Math.sin(bearing);
				return { ...d, regions: [encodeGeohash(lat, lon, 5)] };
			})
		);
		const row = await insertCase({ ...CENTRE, radius_km: 60 });
		const queues = new HandQueues({ SEND_QUEUES: '3' });
		const jobs = await startFanout(queues.env, row, { kind: 'alert' });
		expect(jobs.length).toBeGreaterThan(1);
		expect(queues.count('reunion-fanout')).toBe(jobs.length);
		// The first sends of some sub-jobs cannot be enqueued: those steps fail and are retried on their own.
		queues.failSendBatches = 2;
		await queues.drain(50, true);
		expect(queues.dead).toEqual([]);
		const counts = await countsFor(row.id);
		expect([...counts.keys()].sort()).toEqual([...ids].sort());
		expect(new Set(counts.values())).toEqual(new Set([1]));
	});

	it('a sub-job that fails mid-walk resumes on its own cursor while the others are done, every device once', async () => {
		const ids = Array.from({ length: 240 }, (_, i) => `w-${i}`);
		const [first, last] = [
			['w-a1', 'w-a2'],
			['w-z1', 'w-z2']
		];
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		const devices = await peer.register([...ids, ...first, ...last]);
		const centre = encodeGeohash(CENTRE.lat, CENTRE.lon, 5);
		await storeDevices(
			devices.map((d, i) => {
				if (!d.id.match(/^w-\d/)) return { ...d, regions: [centre] };
				const km = Math.sqrt(((i * 7919) % 1000) / 1000) * 55;
				const bearing = (((i * 104729) % 3600) / 3600) * 2 * Math.PI;
				const lat = CENTRE.lat + (km / 111.2) * Math.cos(bearing);
				const lon = CENTRE.lon + (km / (111.2 * Math.cos((CENTRE.lat * Math.PI) / 180))) * Math.sin(bearing);
				return { ...d, regions: [encodeGeohash(lat, lon, 5)] };
			})
		);
		// Between w-a* and w-z* in the centre's cell, more rows than one step reads: their devices' first region
		// inside the circle is another cell, so they are read, never sent. The centre's sub-job takes two steps.
		const elsewhere = encodeGeohash(CENTRE.lat + 0.05, CENTRE.lon, 5);
		await env.DB.prepare(
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
			 INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at, updated_at)
			 SELECT ?1, printf('w-m%06d', i), 'https://fcm.googleapis.com/x/' || i, 'k', 'a', 'zh-CN', ?2 || ',' || ?1, '', '' FROM n`
		)
			.bind(centre, elsewhere, ROWS_PER_STEP + 100)
			.run();
		const row = await insertCase({ ...CENTRE, radius_km: 60 });
		const queues = new HandQueues({ SEND_QUEUES: '3' });
		const jobs = await startFanout(queues.env, row, { kind: 'alert' });
		expect(jobs.length).toBeGreaterThan(1);
		await queues.deliver('reunion-fanout', true); // every sub-job's first step, each in its own invocation
		expect(queues.count('reunion-fanout')).toBe(1); // only the centre's sub-job has a second step
		await queues.deliver('reunion-send');
		await queues.deliver('reunion-send-1');
		await queues.deliver('reunion-send-2');
		expect((await countsFor(row.id)).has('w-z1')).toBe(false);
		// Its second step records its batch and progress, then cannot enqueue the send: the step is retried.
		queues.failSendBatches = 1;
		await queues.deliver('reunion-fanout');
		expect(queues.failSendBatches).toBe(0);
		expect(queues.count('reunion-fanout')).toBe(1);
		await queues.drain();
		expect(queues.dead).toEqual([]);
		const counts = await countsFor(row.id);
		expect([...counts.keys()].sort()).toEqual([...ids, ...first, ...last].sort());
		expect(new Set(counts.values())).toEqual(new Set([1]));
	});
});
