import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { startFanout } from '../../functions/fanout/plan';
import { setSendingPaused } from '../../functions/db/settings';
import { decodeGeohash } from '../../src/lib/geo';
import { insertCase } from './helpers/cases';
import { devicesAt, peer } from './helpers/peer';
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
