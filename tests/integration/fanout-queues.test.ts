import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { startFanout } from '../../functions/fanout/plan';
import { setSendingPaused } from '../../functions/db/settings';
import { decodeGeohash } from '../../src/lib/geo';
import { insertCase } from './helpers/cases';
import { devicesAt, peer } from './helpers/peer';
import { HandQueues } from './helpers/queues';

const CENTRE = { lat: 23.1291, lon: 113.2644 }; // Guangzhou

async function receivedCounts(): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const r of (await peer.received()).received) counts[r.id] = (counts[r.id] ?? 0) + 1;
	return counts;
}

/** A D1 binding whose statements matching `pattern` fail as an overloaded database would. */
function failingDb(pattern: RegExp): D1Database {
	return new Proxy(env.DB, {
		get(target, prop) {
			if (prop === 'prepare')
				return (sql: string) => {
					if (pattern.test(sql)) throw new Error('D1_ERROR: overloaded');
					return target.prepare(sql);
				};
			const value: unknown = Reflect.get(target, prop);
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		}
	});
}

describe('the sending pause', () => {
	it('outlasts every max_retries: paused steps and send batches come back as fresh copies, sent once after resume', async () => {
		const cell = await devicesAt(CENTRE, ['q1', 'q2', 'q3']);
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		const queues = new HandQueues();
		await setSendingPaused(env.DB, true, new Date());
		try {
			await startFanout(queues.env, row, { kind: 'alert' });
			// More recheck rounds than the fan-out queue's max_retries (10).
			for (let round = 0; round < 12; round++) await queues.deliver();
			expect(queues.count('reunion-fanout')).toBe(1);
			await setSendingPaused(env.DB, false, new Date());
			await queues.deliver('reunion-fanout'); // the step runs and enqueues its send batch …
			expect(queues.count('reunion-send')).toBe(1);
			await setSendingPaused(env.DB, true, new Date()); // … which a second pause holds, past the send queue's 5
			for (let round = 0; round < 7; round++) await queues.deliver();
			expect(await receivedCounts()).toEqual({});
		} finally {
			await setSendingPaused(env.DB, false, new Date());
		}
		await queues.drain();
		expect(queues.dead).toEqual([]);
		expect(await receivedCounts()).toEqual({ q1: 1, q2: 1, q3: 1 });
	});
});

describe('send bookkeeping', () => {
	it('does not push again when recording the outcome or deleting gone devices fails', async () => {
		const cell = await devicesAt(CENTRE, ['b1', 'b2', 'b-gone']);
		await peer.faults({ 'b-gone': [{ status: 410 }] });
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		const queues = new HandQueues({
			DB: failingDb(/^\s*UPDATE send_batches|DELETE FROM subscription_regions WHERE subscription_id IN/)
		});
		await startFanout(queues.env, row, { kind: 'alert' });
		await queues.drain();
		expect(queues.dead).toEqual([]);
		expect(await receivedCounts()).toEqual({ b1: 1, b2: 1 });
	});
});
