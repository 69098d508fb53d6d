import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { startFanout } from '../../functions/fanout/plan';
import { ROWS_PER_STEP } from '../../functions/fanout/step';
import { decodeGeohash, encodeGeohash } from '../../src/lib/geo';
import { insertCase } from './helpers/cases';
import { devicesAt, peer, waitForDeliveries } from './helpers/peer';
import { login, policeFetch } from './helpers/police';
import { HandQueues } from './helpers/queues';

const CENTRE = { lat: 29.563, lon: 106.5516 }; // Chongqing
const FIRST = ['a-1', 'a-2', 'a-3'];
const LAST = ['z-1', 'z-2', 'z-3'];

/**
 * An alert that takes two steps: devices a-* and z-* share one cell, between them more rows than one step
 * reads. Those rows belong to devices whose first region inside is another cell, so they are read, never sent.
 */
async function twoStepAudience(): Promise<string> {
	const cell = await devicesAt(CENTRE, [...FIRST, ...LAST]);
	const elsewhere = encodeGeohash(CENTRE.lat + 0.05, CENTRE.lon, 5);
	await env.DB.prepare(
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
		 INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at, updated_at)
		 SELECT ?1, printf('m-%06d', i), 'https://fcm.googleapis.com/x/' || i, 'k', 'a', 'zh-CN', ?2 || ',' || ?1, '', '' FROM n`
	)
		.bind(cell, elsewhere, ROWS_PER_STEP + 100)
		.run();
	return cell;
}

async function received(): Promise<Array<{ id: string; kind: string }>> {
	return (await peer.received()).received.map((r) => ({
		id: r.id,
		kind: (r.payload as { kind: string }).kind
	}));
}

/** The devices that got messages of one kind, sorted (a device twice would show twice). */
function devicesGot(all: Array<{ id: string; kind: string }>, kind: string): string[] {
	return all
		.filter((r) => r.kind === kind)
		.map((r) => r.id)
		.sort();
}

describe('fan-out steps', () => {
	it('sends each page once when the same step is delivered twice at once', async () => {
		const cell = await twoStepAudience();
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 20 });
		const queues = new HandQueues();
		await startFanout(queues.env, row, { kind: 'alert' });
		queues.duplicate('reunion-fanout');
		await queues.drain(50, true);
		expect(queues.dead).toEqual([]);
		const ids = (await received()).map((r) => r.id).sort();
		expect(ids).toEqual([...FIRST, ...LAST]);
		const batches = await env.DB.prepare(
			`SELECT sum(selected) AS selected FROM send_batches WHERE case_id = ?`
		)
			.bind(row.id)
			.first<{ selected: number }>();
		expect(batches?.selected).toBe(FIRST.length + LAST.length);
	});

	it('stops alerting when the case is cancelled mid-way, and cancels to every device alerted, once', async () => {
		const cell = await twoStepAudience();
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 20 });
		const queues = new HandQueues();
		await startFanout(queues.env, row, { kind: 'alert' });
		await queues.deliver('reunion-fanout'); // step 1: the a-* devices
		await queues.deliver('reunion-send');
		expect((await received()).map((r) => r.id).sort()).toEqual(FIRST);

		const approver = await login('demo-national-approver');
		const cancel = await policeFetch(approver, 'POST', `/api/police/cases/${row.id}/cancel`, {
			reason: 'sent in error'
		});
		expect(cancel.status).toBe(200);
		await queues.drain(); // step 2 of the alert finds the case closed
		await waitForDeliveries(row.id, 'cancelled', FIRST.length);

		const all = await received();
		expect(devicesGot(all, 'alert')).toEqual(FIRST);
		expect(devicesGot(all, 'cancelled')).toEqual(FIRST);
		const job = await env.DB.prepare(`SELECT status FROM fanout_jobs WHERE case_id = ? AND kind = 'alert'`)
			.bind(row.id)
			.first<{ status: string }>();
		expect(job?.status).toBe('done');
	});

	it('holds a follow-up until the alert is done, then reaches every device the alert reached', async () => {
		const cell = await twoStepAudience();
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 20 });
		const queues = new HandQueues();
		await startFanout(queues.env, row, { kind: 'alert' });
		await startFanout(queues.env, row, { kind: 'update', text: 'Seen near the river' });
		await queues.deliver('reunion-fanout'); // alert step 1, then the update, which must wait for step 2
		await queues.drain();
		expect(queues.dead).toEqual([]);
		const all = await received();
		expect(devicesGot(all, 'alert')).toEqual([...FIRST, ...LAST]);
		expect(devicesGot(all, 'update')).toEqual([...FIRST, ...LAST]);
	});

	it('sends a recorded step whose send batches could not be enqueued, on the step’s retry', async () => {
		const cell = await twoStepAudience();
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 20 });
		const queues = new HandQueues();
		queues.failSendBatches = 1;
		await startFanout(queues.env, row, { kind: 'alert' });
		await queues.drain();
		expect(queues.dead).toEqual([]);
		expect((await received()).map((r) => r.id).sort()).toEqual([...FIRST, ...LAST]);
	});
});
