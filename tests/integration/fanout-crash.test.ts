import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { startFanout } from '../../functions/fanout/plan';
import { sendLeaseMs } from '../../functions/fanout/lease';
import type { SendQueueMessage } from '../../functions/fanout/queue-messages';
import { decodeGeohash } from '../../src/lib/geo';
import { insertCase } from './helpers/cases';
import { cron } from './helpers/cron';
import { devicesAt, peer } from './helpers/peer';
import { HandQueues } from './helpers/queues';

const CENTRE = { lat: 28.2282, lon: 112.9388 }; // Changsha
const LEASE = sendLeaseMs(env);

/** How many pushes each device got; the test's figures: devices that got none, and pushes beyond the first. */
async function tally(
	ids: string[]
): Promise<{ lost: string[]; duplicates: number; counts: Map<string, number> }> {
	const counts = new Map<string, number>();
	for (const r of (await peer.received()).received) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
	return {
		lost: ids.filter((id) => !counts.has(id)),
		duplicates: [...counts.values()].reduce((sum, n) => sum + n - 1, 0),
		counts
	};
}

/** An alert to `count` devices, its selection step run: the send batches are recorded and on the SEND queue. */
async function recordedAlert(prefix: string, count: number, queues: HandQueues) {
	const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
	const cell = await devicesAt(CENTRE, ids);
	const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
	await startFanout(queues.env, row, { kind: 'alert' });
	await queues.deliver('reunion-fanout');
	return { ids, row };
}

/** What a crash does to the queues: the SEND messages in flight are gone. */
function crash(queues: HandQueues, keep = 0): void {
	const sends = queues.held.filter((m) => m.queue === 'reunion-send');
	queues.held = queues.held.filter((m) => !sends.slice(keep).includes(m));
}

async function sendRows(caseId: string) {
	const { results } = await env.DB.prepare(
		'SELECT id, selected, delivered, failed, due_by AS dueBy, resent FROM send_batches WHERE case_id = ? ORDER BY id'
	)
		.bind(caseId)
		.all<{
			id: string;
			selected: number;
			delivered: number;
			failed: number;
			dueBy: string | null;
			resent: number;
		}>();
	return results;
}

describe('a SEND message lost in a crash (issue 18)', () => {
	it('is found again as a batch with no outcome past its lease, and sent: lost 0, duplicates 0', async () => {
		const queues = new HandQueues();
		const { ids, row } = await recordedAlert('lost', 250, queues);
		expect(queues.count('reunion-send')).toBe(3);
		crash(queues, 1); // one batch was still delivered; two went down with the Worker
		await queues.deliver('reunion-send');
		expect((await tally(ids)).lost).toHaveLength(150);

		const now = Date.now();
		await cron(new Date(now + LEASE - 60_000), queues.env); // a slow batch may still be on its way
		expect(queues.count('reunion-send')).toBe(0);
		await cron(new Date(now + LEASE + 60_000), queues.env);
		expect(queues.count('reunion-send')).toBe(2);
		await queues.drain();
		await cron(new Date(now + 3 * LEASE), queues.env); // settled: nothing is sent a third time
		expect(queues.count('reunion-send')).toBe(0);

		const { lost, duplicates } = await tally(ids);
		expect({ lost, duplicates }).toEqual({ lost: [], duplicates: 0 });
		const rows = await sendRows(row.id);
		expect(rows.map((r) => [r.delivered, r.dueBy, r.resent])).toEqual([
			[100, null, 0],
			[100, null, 1],
			[50, null, 1]
		]);
	});

	it('sends a batch again whose pushes went out but whose consumer died before recording: duplicates counted', async () => {
		const queues = new HandQueues();
		const { ids } = await recordedAlert('died', 120, queues);
		// The consumer pushes, then dies before its outcome reaches D1 (every later D1 write fails).
		const dying = new Proxy(env.DB, {
			get(target, property) {
				if (property === 'batch') return async () => Promise.reject(new Error('the Worker died'));
				const value = Reflect.get(target, property) as unknown;
				return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
			}
		});
		const dyingQueues = new HandQueues({ DB: dying });
		dyingQueues.held = queues.held.filter((m) => m.queue === 'reunion-send');
		queues.held = [];
		await dyingQueues.deliver('reunion-send');
		expect((await tally(ids)).lost).toEqual([]);

		await cron(new Date(Date.now() + LEASE + 60_000), queues.env);
		await queues.drain();
		const { lost, duplicates } = await tally(ids);
		// At least once: every device of the unrecorded batches twice, none lost.
		expect({ lost, duplicates }).toEqual({ lost: [], duplicates: 120 });
	});

	it('sends only the devices still pending when a retry copy is lost', async () => {
		const queues = new HandQueues();
		const { ids } = await recordedAlert('retry', 40, queues);
		await peer.faults(Object.fromEntries(ids.slice(0, 5).map((id) => [id, [{ status: 500 }]])));
		await queues.deliver('reunion-send');
		const copies = queues.held.filter((m) => m.queue === 'reunion-send');
		expect(copies.map((m) => (m.body as SendQueueMessage).recipients.length)).toEqual([5]);
		crash(queues);

		await cron(new Date(Date.now() + LEASE + 5 * 60_000), queues.env);
		const resent = queues.held.filter((m) => m.queue === 'reunion-send');
		expect(resent.map((m) => (m.body as SendQueueMessage).recipients.map((r) => r.id).sort())).toEqual([
			ids.slice(0, 5).sort()
		]);
		expect(resent.map((m) => (m.body as SendQueueMessage).attempt)).toEqual([2]);
		await queues.drain();
		expect(await tally(ids)).toMatchObject({ lost: [], duplicates: 0 });
	});
});

describe('a push service in trouble', () => {
	it('answering 500 for 60 s (on the queues’ clock) still gets every message, after back-off', async () => {
		const queues = new HandQueues();
		const { ids, row } = await recordedAlert('outage', 30, queues);
		// Each round runs once the longest delay asked for has passed; the peer fails everything before 60 s.
		let clock = 0;
		let rounds = 0;
		for (; queues.held.length && rounds < 20; rounds++) {
			await peer.faults(clock < 60 ? Object.fromEntries(ids.map((id) => [id, [{ status: 500 }]])) : {});
			await queues.deliver();
			clock += Math.max(0, ...queues.held.map((m) => m.delaySeconds ?? 0));
		}
		expect(queues.held).toEqual([]);
		expect(queues.dead).toEqual([]);
		expect(await tally(ids)).toMatchObject({ lost: [], duplicates: 0 });
		const [batch] = await sendRows(row.id);
		expect(batch).toMatchObject({ selected: 30, delivered: 30, failed: 0, dueBy: null });
	});

	it('that never answers times its batch out while the rest of the invocation is delivered', async () => {
		const queues = new HandQueues({ PUSH_TIMEOUT_MS: '300' });
		const { ids } = await recordedAlert('hang', 150, queues);
		const hanging = ids.slice(100, 103); // in the second batch
		await peer.faults(Object.fromEntries(hanging.map((id) => [id, [{ delayMs: 5_000 }]])));
		const started = Date.now();
		await queues.deliver('reunion-send');
		expect(Date.now() - started).toBeLessThan(4_000);
		expect((await tally(ids)).lost.sort()).toEqual([...hanging].sort());
		const [copy] = queues.held.filter((m) => m.queue === 'reunion-send');
		expect((copy?.body as SendQueueMessage).recipients.map((r) => r.id).sort()).toEqual([...hanging].sort());
		await queues.drain();
		expect(await tally(ids)).toMatchObject({ lost: [], duplicates: 0 });
	});
});
