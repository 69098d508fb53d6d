import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { setSendingPaused } from '../../../functions/db/settings';
import type { Env } from '../../../functions/env';
import { sendLeaseMs } from '../../../functions/fanout/lease';
import { startFanout } from '../../../functions/fanout/plan';
import type { SendQueueMessage } from '../../../functions/fanout/queue-messages';
import { insertCase } from '../helpers/cases';
import { cron } from '../helpers/cron';
import { HandQueues } from '../helpers/queues';
import {
	batchesIn,
	CENTRE,
	devicesOf,
	devicesOnEveryShard,
	pushesById,
	RADIUS_KM,
	SHARD_NAMES,
	type Placed,
	type ShardName
} from './fanout-shards';

// Issue 23 point 1: the pause, the Cron's sweep of lost batches, a cancel and crash recovery, with each shard's
// send batches in its own database (tests/integration/three-shards/fanout-shards.ts places the devices).

const LEASE = sendLeaseMs(env);
const MINUTE = 60_000;
const sorted = (ids: Iterable<string>) => [...ids].sort();

/** An alert for the devices placed, its selection steps run: batches recorded in every shard, sends queued. */
async function recordedAlert(placed: Placed, queues: HandQueues) {
	const row = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
	const jobs = await startFanout(queues.env, row, { kind: 'alert' });
	await queues.deliver('reunion-fanout');
	expect(queues.count('reunion-fanout')).toBe(0);
	for (const shard of SHARD_NAMES)
		expect(sorted((await batchesIn(shard, row.id)).flatMap((b) => b.recipients)), shard).toEqual(
			sorted(devicesOf(placed, shard))
		);
	return { row, jobs };
}

function sendsHeld(queues: HandQueues) {
	return queues.held.filter((m) => m.queue.startsWith('reunion-send'));
}

const shardOfMessage = (m: { body: unknown }) => (m.body as SendQueueMessage).shard;

/** Every device inside the circle got exactly one push, and nobody else any. */
async function expectEachOnce(placed: Placed, since = 0) {
	const pushes = await pushesById(since);
	expect(sorted(pushes.keys())).toEqual(sorted(placed.shardOfDevice.keys()));
	expect([...pushes].filter(([, topics]) => topics.length !== 1)).toEqual([]);
}

describe('three shards: pause, sweep, cancel and crashes', () => {
	it('holds every shard’s sends while paused (leases extended in each shard) and resumes them once each', async () => {
		const placed = await devicesOnEveryShard('pause', 12);
		const queues = new HandQueues();
		const { row } = await recordedAlert(placed, queues);
		const now = Date.now();
		await setSendingPaused(env.DB, true, new Date(now));
		try {
			await queues.deliver('reunion-send');
			expect((await pushesById()).size).toBe(0);
			// The copies that come back name their shard; each shard's database saw its batches taken.
			expect(new Set(sendsHeld(queues).map(shardOfMessage))).toEqual(new Set(SHARD_NAMES));
			for (const shard of SHARD_NAMES)
				for (const batch of await batchesIn(shard, row.id))
					expect(Date.parse(batch.dueBy!), shard).toBeGreaterThan(now + LEASE);
			// Past the lease, still paused: the sweep leaves every shard alone.
			await cron(new Date(now + LEASE + 2 * MINUTE), queues.env);
			await queues.deliver('reunion-send');
			expect((await pushesById()).size).toBe(0);
		} finally {
			await setSendingPaused(env.DB, false, new Date(now));
		}
		await queues.drain();
		await expectEachOnce(placed);
		for (const shard of SHARD_NAMES)
			for (const batch of await batchesIn(shard, row.id))
				expect(batch, shard).toMatchObject({ dueBy: null, delivered: batch.selected, resent: 0 });
	});

	it('sends again the batches of shard 2 lost in a crash, from shard 2’s database, once', async () => {
		const placed = await devicesOnEveryShard('lost', 12);
		const queues = new HandQueues();
		const { row } = await recordedAlert(placed, queues);
		const lost = sendsHeld(queues).filter((m) => shardOfMessage(m) === 'DB_SHARD_2');
		expect(lost.length).toBeGreaterThan(1);
		queues.held = queues.held.filter((m) => !lost.includes(m));
		await queues.deliver('reunion-send');
		const now = Date.now();
		await cron(new Date(now + LEASE - MINUTE), queues.env); // a slow batch may still be on its way
		expect(sendsHeld(queues)).toEqual([]);
		await cron(new Date(now + LEASE + MINUTE), queues.env);
		const resent = sendsHeld(queues).map((m) => m.body as SendQueueMessage);
		// Attempt 1 again: no attempt of theirs was ever recorded.
		expect(resent.map((m) => [m.shard, m.attempt])).toEqual(lost.map(() => ['DB_SHARD_2', 1]));
		await queues.drain();
		await cron(new Date(now + 3 * LEASE), queues.env); // settled: nothing a third time
		expect(sendsHeld(queues)).toEqual([]);
		await expectEachOnce(placed);
		for (const shard of SHARD_NAMES)
			for (const batch of await batchesIn(shard, row.id))
				expect(batch, shard).toMatchObject({
					dueBy: null,
					delivered: batch.selected,
					resent: shard === 'DB_SHARD_2' ? 1 : 0
				});
	});

	it('stops every shard’s alert when the case is cancelled mid fan-out; the cancellation reaches whom it reached', async () => {
		const placed = await devicesOnEveryShard('cancel', 12);
		const queues = new HandQueues();
		const row = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
		const jobs = await startFanout(queues.env, row, { kind: 'alert' });
		const shardOfJob = (id: string) => id.split(':').at(-2)!.split('/')[0] as ShardName;
		expect(new Set(jobs.map(shardOfJob))).toEqual(new Set(SHARD_NAMES));
		// Shard 1's selection ran; the case database's and shard 2's have not yet when the officer cancels.
		const first = queues.held.filter((m) => shardOfJob((m.body as { jobId: string }).jobId) === 'DB_SHARD_1');
		queues.held = queues.held.filter((m) => !first.includes(m));
		const later = queues.held;
		queues.held = first;
		await queues.deliver('reunion-fanout');
		queues.held.push(...later);
		await env.DB.prepare(`UPDATE cases SET status = 'cancelled', cancelled_at = ? WHERE id = ?`)
			.bind(new Date().toISOString(), row.id)
			.run();
		const cancels = await startFanout(queues.env, { ...row, status: 'cancelled' }, { kind: 'cancelled' });
		expect(cancels).toHaveLength(3); // one per database holding alert batches
		await queues.drain();

		const { results } = await env.DB.prepare(
			`SELECT id, status, selected FROM fanout_jobs WHERE case_id = ? AND kind = 'alert'`
		)
			.bind(row.id)
			.all<{ id: string; status: string; selected: number }>();
		expect(results.every((j) => j.status === 'done')).toBe(true);
		for (const job of results) if (shardOfJob(job.id) !== 'DB_SHARD_1') expect(job.selected, job.id).toBe(0);
		const reached = devicesOf(placed, 'DB_SHARD_1');
		const pushes = await pushesById();
		// Shard 1's devices: the alert queued before the cancel, then the cancellation; nobody else anything.
		expect(sorted(pushes.keys())).toEqual(sorted(reached));
		expect([...pushes.values()].every((topics) => topics.length === 2)).toBe(true);
		for (const shard of ['DB', 'DB_SHARD_2'] as const) {
			expect(await batchesIn(shard, row.id), shard).toEqual([]);
			expect(await batchesIn(shard, row.id, 'cancelled'), shard).toEqual([]);
		}
		expect(sorted((await batchesIn('DB_SHARD_1', row.id, 'cancelled')).flatMap((b) => b.recipients))).toEqual(
			sorted(reached)
		);
	});

	it('recovers from consumers that died after taking their batches, in every shard: each device once', async () => {
		const placed = await devicesOnEveryShard('died', 12);
		const queues = new HandQueues();
		const { row } = await recordedAlert(placed, queues);
		// The consumers take their batches, then die before any push or outcome: a missing signing key throws
		// there, and the crash takes the retries with it.
		const dying = new HandQueues({ VAPID_PRIVATE_KEY: '' });
		dying.held = sendsHeld(queues);
		queues.held = [];
		const now = Date.now();
		await dying.deliver();
		expect(dying.held.length).toBeGreaterThan(0); // retries the crash takes with it
		dying.held = [];
		expect((await pushesById()).size).toBe(0);
		await cron(new Date(now + LEASE - MINUTE), queues.env);
		expect(sendsHeld(queues)).toEqual([]);
		await cron(new Date(now + LEASE + MINUTE), queues.env);
		expect(new Set(sendsHeld(queues).map(shardOfMessage))).toEqual(new Set(SHARD_NAMES));
		await queues.drain();
		await expectEachOnce(placed);
		for (const shard of SHARD_NAMES)
			for (const batch of await batchesIn(shard, row.id))
				expect(batch, shard).toMatchObject({ dueBy: null, delivered: batch.selected, resent: 1 });
	});

	it('sends again, with the same Topic, only shard 1’s batches whose consumer pushed but could not record', async () => {
		const placed = await devicesOnEveryShard('unrecorded', 12);
		const queues = new HandQueues();
		const { row } = await recordedAlert(placed, queues);
		// Shard 1's database fails every batch() from here: its outcomes are never written; the others are.
		const failing = new Proxy(queues.env['DB_SHARD_1' as keyof Env] as D1Database, {
			get(target, property) {
				if (property === 'batch') return async () => Promise.reject(new Error('the Worker died'));
				const value = Reflect.get(target, property) as unknown;
				return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
			}
		});
		const dying = new HandQueues({ ...({ DB_SHARD_1: failing } as Partial<Env>) });
		dying.held = sendsHeld(queues);
		queues.held = [];
		await dying.deliver();
		dying.held = []; // and the Worker is gone
		await expectEachOnce(placed);
		const before = (await pushesById()).size;
		await cron(new Date(Date.now() + LEASE + MINUTE), queues.env);
		expect(new Set(sendsHeld(queues).map(shardOfMessage))).toEqual(new Set(['DB_SHARD_1']));
		await queues.drain();
		const pushes = await pushesById();
		expect(pushes.size).toBe(before);
		const shard1 = new Set(devicesOf(placed, 'DB_SHARD_1'));
		for (const [id, topics] of pushes) {
			// At least once: shard 1's devices twice with the same Topic (the push service keeps one), the rest once.
			expect(topics.length, id).toBe(shard1.has(id) ? 2 : 1);
			expect(new Set(topics).size, id).toBe(1);
		}
		// Counted once: only the re-send's outcome reached shard 1's database.
		for (const shard of SHARD_NAMES)
			for (const batch of await batchesIn(shard, row.id))
				expect(batch, shard).toMatchObject({ dueBy: null, delivered: batch.selected });
	});

	it('finishes a step that died between its shard’s batch rows and the job’s progress, sending each device once', async () => {
		const placed = await devicesOnEveryShard('step', 12);
		const queues = new HandQueues();
		const row = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
		await startFanout(queues.env, row, { kind: 'alert' });
		// The case database fails every batch(): shards 1 and 2 record their rows, no job moves, nothing is sent.
		const failing = new Proxy(env.DB, {
			get(target, property) {
				if (property === 'batch') return async () => Promise.reject(new Error('the Worker died'));
				const value = Reflect.get(target, property) as unknown;
				return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
			}
		});
		const dying = new HandQueues({ DB: failing });
		dying.held = queues.held;
		queues.held = [];
		await dying.deliver();
		dying.held = []; // the crash takes the FANOUT retries too
		for (const shard of ['DB_SHARD_1', 'DB_SHARD_2'] as const)
			expect((await batchesIn(shard, row.id)).length, shard).toBeGreaterThan(0);
		expect(await pushesById()).toEqual(new Map());
		// Past the lease and the stall: the rows' job runs again (the sweep leaves its rows to it) and sends each once.
		const later = new Date(Date.now() + LEASE + MINUTE);
		await cron(later, queues.env);
		expect(sendsHeld(queues)).toEqual([]);
		expect(queues.count('reunion-fanout')).toBeGreaterThan(0);
		await queues.drain();
		await cron(new Date(later.getTime() + 2 * LEASE), queues.env);
		expect(queues.held).toEqual([]);
		await expectEachOnce(placed);
		for (const shard of SHARD_NAMES)
			for (const batch of await batchesIn(shard, row.id))
				expect(batch, shard).toMatchObject({ dueBy: null, delivered: batch.selected, resent: 0 });
	});
});
