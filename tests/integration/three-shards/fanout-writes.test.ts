import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { caseTotalsByShard } from '../../../functions/db/send-totals';
import type { Env } from '../../../functions/env';
import { sendLeaseMs } from '../../../functions/fanout/lease';
import { startFanout } from '../../../functions/fanout/plan';
import type { SendQueueMessage } from '../../../functions/fanout/queue-messages';
import { insertCase } from '../helpers/cases';
import { cron } from '../helpers/cron';
import { peer } from '../helpers/peer';
import { login, policeFetch } from '../helpers/police';
import { HandQueues } from '../helpers/queues';
import {
	batchesIn,
	CENTRE,
	countingDatabase,
	devicesOf,
	devicesOnEveryShard,
	pushesById,
	RADIUS_KM,
	SHARD_NAMES,
	DATABASES
} from './fanout-shards';

const sorted = (ids: Iterable<string>) => [...ids].sort();
const LEASE = sendLeaseMs(env);

/** Hand-driven queues over the three databases, each counting the statements it is asked to run. */
function countedQueues() {
	const counted = Object.fromEntries(
		SHARD_NAMES.map((name) => [name, countingDatabase(DATABASES[name])])
	) as Record<(typeof SHARD_NAMES)[number], ReturnType<typeof countingDatabase>>;
	const queues = new HandQueues({
		DB: counted.DB.db,
		...({ DB_SHARD_1: counted.DB_SHARD_1.db, DB_SHARD_2: counted.DB_SHARD_2.db } as Partial<Env>)
	});
	return { counted, queues };
}

describe('a fan-out across three shards (issue 23 point 1: writes where the devices are)', () => {
	it('records each shard’s batches and outcomes in its own database, and the totals add up exactly', async () => {
		const placed = await devicesOnEveryShard('w', 12);
		const inside = [...placed.shardOfDevice.keys()];
		for (const shard of SHARD_NAMES) expect(devicesOf(placed, shard).length, shard).toBeGreaterThan(100);
		const gone = inside.filter((_, i) => i % 23 === 0);
		const flaky = inside.filter((_, i) => i % 23 === 7);
		await peer.faults({
			...Object.fromEntries(gone.map((id) => [id, [{ status: 410 as const }]])),
			...Object.fromEntries(flaky.map((id) => [id, [{ status: 500 as const }]]))
		});
		const { counted, queues } = countedQueues();
		const row = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
		await startFanout(queues.env, row, { kind: 'alert' });
		await queues.drain();

		// Every device inside once (the gone ones answered 410), through a retry; nobody outside.
		const pushes = await pushesById();
		expect(sorted(pushes.keys())).toEqual(sorted(inside.filter((id) => !gone.includes(id))));
		expect([...pushes.values()].every((topics) => topics.length === 1)).toBe(true);

		// Each database holds the batches of exactly its own devices, settled: the case database none of the
		// devices shards 1 and 2 hold.
		for (const shard of SHARD_NAMES) {
			const batches = await batchesIn(shard, row.id);
			const mine = devicesOf(placed, shard);
			expect(sorted(batches.flatMap((b) => b.recipients)), shard).toEqual(sorted(mine));
			expect(batches.every((b) => b.dueBy === null && b.delivered + b.gone + b.failed === b.selected)).toBe(
				true
			);
			const sum = (k: 'delivered' | 'gone' | 'failed') => batches.reduce((n, b) => n + b[k], 0);
			const goneHere = gone.filter((id) => mine.includes(id)).length;
			expect({ delivered: sum('delivered'), gone: sum('gone'), failed: sum('failed') }, shard).toEqual({
				delivered: mine.length - goneHere,
				gone: goneHere,
				failed: 0
			});
			// Per-batch writes went to the shard's own database: the row, its outcome, and the outcome of a retry
			// copy where a device answered 500; plus one lease statement, as the first round hands every batch to
			// one invocation (≥ 400 devices over 6 connections may outlast the lease left; the retries may not).
			const retried = batches.filter((b) => b.recipients.some((id) => flaky.includes(id))).length;
			expect(counted[shard].writes.get('send_batches'), shard).toBe(2 * batches.length + retried + 1);
		}
		// The subscriber shards were written nothing but their batches (and gone devices' deletions).
		for (const shard of ['DB_SHARD_1', 'DB_SHARD_2'] as const)
			expect(sorted(counted[shard].writes.keys()), shard).toEqual(['send_batches', 'subscription_regions']);

		// The Cron's roll-up: one totals row per shard in the case database, equal to that shard's batches.
		const beforeRollUp = counted.DB.writes.get('send_totals') ?? 0;
		await cron(new Date(), queues.env);
		expect((counted.DB.writes.get('send_totals') ?? 0) - beforeRollUp).toBeGreaterThanOrEqual(3);
		const totals = (await caseTotalsByShard(env.DB, row.id)).filter((t) => t.kind === 'alert');
		expect(totals.map((t) => t.shard)).toEqual([...SHARD_NAMES]);
		for (const t of totals) {
			const batches = await batchesIn(t.shard as (typeof SHARD_NAMES)[number], row.id);
			expect(t, t.shard).toMatchObject({
				selected: batches.reduce((n, b) => n + b.selected, 0),
				delivered: batches.reduce((n, b) => n + b.delivered, 0),
				gone: batches.reduce((n, b) => n + b.gone, 0)
			});
		}
		// The police delivery screen adds the shards up: the same figures as the totals and as the peer.
		const cookie = await login('demo-national-officer');
		const response = await policeFetch(cookie, 'GET', `/api/police/cases/${row.id}/deliveries`);
		expect(response.status).toBe(200);
		const deliveries = (await response.json()) as Record<string, unknown>;
		const added = (k: 'selected' | 'delivered' | 'gone' | 'failed') => totals.reduce((n, t) => n + t[k], 0);
		expect(deliveries).toMatchObject({
			selected: inside.length,
			delivered: pushes.size,
			gone: gone.length,
			failed: 0,
			pending: 0
		});
		expect(deliveries).toMatchObject({
			selected: added('selected'),
			delivered: added('delivered'),
			gone: added('gone'),
			failed: added('failed')
		});
		console.log(
			JSON.stringify({
				devices: inside.length,
				writesByDatabase: Object.fromEntries(
					SHARD_NAMES.map((name) => [name, Object.fromEntries(counted[name].writes)])
				)
			})
		);

		// A follow-up walks what each shard recorded: every device still subscribed once, recorded in its shard.
		const alerts = (await peer.received()).received.length;
		const jobs = await startFanout(queues.env, row, { kind: 'update', text: 'Seen near the station' });
		expect(jobs).toHaveLength(3);
		await queues.drain();
		const updates = await pushesById(alerts);
		expect(sorted(updates.keys())).toEqual(sorted(inside.filter((id) => !gone.includes(id))));
		expect([...updates.values()].every((topics) => topics.length === 1)).toBe(true);
		for (const shard of SHARD_NAMES) {
			const batches = await batchesIn(shard, row.id, 'update');
			expect(sorted(batches.flatMap((b) => b.recipients)), shard).toEqual(
				sorted(devicesOf(placed, shard).filter((id) => !gone.includes(id)))
			);
		}

		// The roll-up again: the update's totals; then a quiet minute writes nothing to the case database.
		await cron(new Date(), queues.env);
		const rollUpWrites = () =>
			(counted.DB.writes.get('send_totals') ?? 0) + (counted.DB.writes.get('send_roll_ups') ?? 0);
		const settled = rollUpWrites();
		await cron(new Date(), queues.env);
		expect(rollUpWrites()).toBe(settled);
		// An outcome that lands late with an earlier clock than the last roll-up read is still counted.
		const [late] = await batchesIn('DB_SHARD_2', row.id);
		await DATABASES.DB_SHARD_2.prepare(
			`UPDATE send_batches SET delivered = delivered - 1, failed = failed + 1, updated_at = ? WHERE id = ?`
		)
			.bind(new Date(Date.now() - 2 * 60_000).toISOString(), late!.id)
			.run();
		await cron(new Date(), queues.env);
		const shard2 = (await caseTotalsByShard(env.DB, row.id)).find(
			(t) => t.shard === 'DB_SHARD_2' && t.kind === 'alert'
		);
		expect(shard2?.failed).toBe(1);
	}, 60_000);

	it('writes a lease at take only for batches whose queue wait ate their lease, in their own shard', async () => {
		const placed = await devicesOnEveryShard('late', 3);
		const { counted, queues } = countedQueues();
		const row = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
		await startFanout(queues.env, row, { kind: 'alert' });
		await queues.deliver('reunion-fanout');
		// Shard 2's messages waited on the queue until 30 s of their lease were left: less than an invocation
		// may take, so the consumer moves their due time; the others have most of their lease left.
		const sends = queues.held.filter((m) => m.queue.startsWith('reunion-send'));
		for (const m of sends) {
			const body = m.body as SendQueueMessage;
			expect(Date.parse(body.dueBy!)).toBeGreaterThan(Date.now() + LEASE - 60_000);
			if (body.shard === 'DB_SHARD_2') body.dueBy = new Date(Date.now() + 30_000).toISOString();
		}
		const before = Object.fromEntries(
			SHARD_NAMES.map((name) => [name, counted[name].writes.get('send_batches') ?? 0])
		);
		await queues.deliver('reunion-send');
		for (const shard of SHARD_NAMES) {
			const mine = sends.filter((m) => (m.body as SendQueueMessage).shard === shard).length;
			expect(mine, shard).toBeGreaterThan(0);
			const written = (counted[shard].writes.get('send_batches') ?? 0) - before[shard]!;
			// One lease statement for the invocation's late batches of that shard, then one outcome per batch.
			expect(written, shard).toBe(mine + (shard === 'DB_SHARD_2' ? 1 : 0));
		}
		expect((await pushesById()).size).toBe(placed.shardOfDevice.size);
	});
});
