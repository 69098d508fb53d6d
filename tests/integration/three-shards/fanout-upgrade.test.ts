import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { deliveryCounts } from '../../../functions/db/send-batches';
import { startFanout } from '../../../functions/fanout/plan';
import type { SendQueueMessage } from '../../../functions/fanout/queue-messages';
import { insertCase } from '../helpers/cases';
import { HandQueues } from '../helpers/queues';
import {
	batchesIn,
	CENTRE,
	DATABASES,
	devicesOf,
	devicesOnEveryShard,
	pushesById,
	RADIUS_KM,
	SHARD_NAMES
} from './fanout-shards';

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** As the release before recorded them: a case's shard-1 batches in the case database. */
async function moveToCaseDatabase(caseId: string) {
	const shard1 = DATABASES.DB_SHARD_1;
	const { results: rows } = await shard1
		.prepare('SELECT * FROM send_batches WHERE case_id = ?')
		.bind(caseId)
		.all<Record<string, unknown>>();
	expect(rows.length).toBeGreaterThan(0);
	for (const r of rows) {
		const columns = Object.keys(r);
		await env.DB.prepare(
			`INSERT INTO send_batches (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
		)
			.bind(...columns.map((c) => r[c]))
			.run();
	}
	await shard1.prepare('DELETE FROM send_batches WHERE case_id = ?').bind(caseId).run();
}

describe('an alert running when issue 23 is deployed', () => {
	it('honours the batches the case database recorded before: outcomes land there, follow-ups reach them', async () => {
		const placed = await devicesOnEveryShard('upgrade', 6);
		const queues = new HandQueues();
		const row = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
		await startFanout(queues.env, row, { kind: 'alert' });
		await queues.deliver('reunion-fanout');
		// Shard 1's batches recorded by the release before, and their SEND messages on the queue naming no
		// database and no due time.
		await moveToCaseDatabase(row.id);
		for (const m of queues.held) {
			const body = m.body as SendQueueMessage;
			if (body.shard === 'DB_SHARD_1') {
				delete body.shard;
				delete body.dueBy;
			}
		}
		await queues.drain();
		const alerts = await pushesById();
		expect(sorted(alerts.keys())).toEqual(sorted(placed.shardOfDevice.keys()));
		expect([...alerts.values()].every((topics) => topics.length === 1)).toBe(true);
		// Their outcomes went where their rows are.
		expect(await batchesIn('DB_SHARD_1', row.id)).toEqual([]);
		const legacy = (await batchesIn('DB', row.id)).filter((b) =>
			b.recipients.some((id) => placed.shardOfDevice.get(id) === 'DB_SHARD_1')
		);
		expect(sorted(legacy.flatMap((b) => b.recipients))).toEqual(sorted(devicesOf(placed, 'DB_SHARD_1')));
		for (const b of legacy) expect(b).toMatchObject({ dueBy: null, delivered: b.selected });

		// A follow-up walks every database, the case database's old rows included: each device once.
		const before = (await pushesById()).size;
		await startFanout(queues.env, row, { kind: 'update', text: 'Seen near the station' });
		await queues.drain();
		const updates = await pushesById(before);
		expect(sorted(updates.keys())).toEqual(sorted(placed.shardOfDevice.keys()));
		expect([...updates.values()].every((topics) => topics.length === 1)).toBe(true);
		const counts = await deliveryCounts(
			SHARD_NAMES.map((name) => DATABASES[name]),
			row.id
		);
		expect(counts.byKind.alert).toMatchObject({ selected: placed.shardOfDevice.size, pending: 0 });
		expect(counts.byKind.update).toMatchObject({ delivered: placed.shardOfDevice.size, pending: 0 });
	});

	it('sends the batches a step recorded in the case database before the upgrade but never enqueued', async () => {
		const placed = await devicesOnEveryShard('unsent', 6);
		const queues = new HandQueues();
		const row = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
		await startFanout(queues.env, row, { kind: 'alert' });
		// Every step records its batches and progress, then its enqueue fails: the steps come back.
		queues.failSendBatches = 1_000;
		await queues.deliver('reunion-fanout');
		queues.failSendBatches = 0;
		expect(queues.count('reunion-fanout')).toBeGreaterThan(0);
		await moveToCaseDatabase(row.id);
		await queues.drain();
		const pushes = await pushesById();
		expect(sorted(pushes.keys())).toEqual(sorted(placed.shardOfDevice.keys()));
		expect([...pushes.values()].every((topics) => topics.length === 1)).toBe(true);
		const legacy = (await batchesIn('DB', row.id)).filter((b) =>
			b.recipients.some((id) => placed.shardOfDevice.get(id) === 'DB_SHARD_1')
		);
		expect(sorted(legacy.flatMap((b) => b.recipients))).toEqual(sorted(devicesOf(placed, 'DB_SHARD_1')));
		for (const b of legacy) expect(b).toMatchObject({ dueBy: null, delivered: b.selected });
	});
});
