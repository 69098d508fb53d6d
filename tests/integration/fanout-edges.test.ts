import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { startFanout } from '../../functions/fanout/plan';
import { runFanoutStep } from '../../functions/fanout/step';
import { insertJobStatement } from '../../functions/db/fanout-jobs';
import { covering, encodeGeohash } from '../../src/lib/geo';
import worker from './worker-entry';
import { insertCase } from './helpers/cases';
import { peer, storeDevices, waitForDeliveries } from './helpers/peer';
import { DRAFT, login, policeFetch } from './helpers/police';

const CENTRE = { lat: 22.5431, lon: 114.0579 }; // Shenzhen

describe('fan-out edges', () => {
	it('fails only the message of a device with a broken key, and reports it in the deliveries', async () => {
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		const devices = await peer.register(['good-1', 'broken', 'good-2']);
		const cell = encodeGeohash(CENTRE.lat, CENTRE.lon, 5);
		const broken = {
			...devices[1]!,
			keys: { ...devices[1]!.keys, p256dh: 'BAAAA' + devices[1]!.keys.p256dh.slice(5, 60) }
		};
		await storeDevices([devices[0]!, broken, devices[2]!].map((d) => ({ ...d, regions: [cell] })));
		const row = await insertCase({ ...CENTRE, radius_km: 20 });
		await startFanout(env, row, { kind: 'alert' });
		await waitForDeliveries(row.id, 'alert', 3);
		expect((await peer.received()).received.map((r) => r.id).sort()).toEqual(['good-1', 'good-2']);

		const officer = await login('demo-national-officer');
		const deliveries = (await (
			await policeFetch(officer, 'GET', `/api/police/cases/${row.id}/deliveries`)
		).json()) as Record<string, unknown>;
		expect(deliveries).toMatchObject({
			selected: 3,
			delivered: 2,
			gone: 0,
			failed: 1,
			pending: 0,
			byKind: { alert: { selected: 3, delivered: 2, failed: 1 } }
		});
		expect(typeof deliveries.firstAt).toBe('string');
		const reasons = await env.DB.prepare(`SELECT failure_reasons FROM send_batches WHERE case_id = ?`)
			.bind(row.id)
			.first<{ failure_reasons: string }>();
		expect(reasons?.failure_reasons).toMatch(/p256dh/);
	});

	it('records what reaches the dead-letter queue and acknowledges it', async () => {
		const batch = createMessageBatch('reunion-dead', [
			{ id: 'm1', timestamp: new Date(), attempts: 11, body: { jobId: 'lost-job' } },
			{ id: 'm2', timestamp: new Date(), attempts: 6, body: { batchId: 'lost-batch' } }
		]);
		const ctx = createExecutionContext();
		await worker.queue!(batch, env, ctx);
		const result = await getQueueResult(batch, ctx);
		expect(result.ackAll).toBe(true);
		const { results } = await env.DB.prepare(
			`SELECT queue, body, attempts FROM dead_letters ORDER BY id`
		).all<{ queue: string; body: string; attempts: number }>();
		expect(results).toEqual([
			{ queue: 'reunion-dead', body: '{"jobId":"lost-job"}', attempts: 11 },
			{ queue: 'reunion-dead', body: '{"batchId":"lost-batch"}', attempts: 6 }
		]);
	});
});

describe('fan-out progress', () => {
	it('resumes a retried job from its recorded cursor instead of starting again, and a finished job stays finished', async () => {
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		const ids = Array.from({ length: 150 }, (_, i) => `r-${String(i).padStart(3, '0')}`);
		const devices = await peer.register(ids);
		const cell = encodeGeohash(CENTRE.lat + 0.3, CENTRE.lon, 5);
		await storeDevices(devices.map((d) => ({ ...d, regions: [cell] })));
		const row = await insertCase({ lat: CENTRE.lat + 0.3, lon: CENTRE.lon, radius_km: 10 });
		const job = {
			id: `${row.id}:resume`,
			caseId: row.id,
			kind: 'alert' as const,
			source: 'covering' as const,
			shard: 'DB',
			lat: row.lat,
			lon: row.lon,
			radiusKm: 10,
			innerRadiusKm: 0,
			exercise: false,
			text: null,
			ranges: covering(row, 10).ranges
		};
		await insertJobStatement(env.DB, job, new Date()).run();
		// As if an earlier invocation had sent the first 50 and recorded that before dying.
		const rangeIndex = job.ranges.findIndex((r) => r.from <= cell && cell <= r.to);
		await env.DB.prepare(
			`UPDATE fanout_jobs SET range_index = ?, cursor_geohash = ?, cursor_id = ?, batch_seq = 1, selected = 50 WHERE id = ?`
		)
			.bind(rangeIndex, cell, 'r-049', job.id)
			.run();

		expect(await runFanoutStep(env, job.id)).toBe('done');
		expect(await runFanoutStep(env, job.id)).toBe('done');
		const batches = await env.DB.prepare(
			`SELECT id, recipients FROM send_batches WHERE job_id = ? ORDER BY id`
		)
			.bind(job.id)
			.all<{ id: string; recipients: string }>();
		expect(batches.results.map((b) => b.id)).toEqual([`${job.id}#000001`]); // numbering continues after the recorded batch 0
		expect(batches.results.flatMap((b) => JSON.parse(b.recipients) as string[])).toEqual(ids.slice(50));
		const state = await env.DB.prepare(`SELECT selected, status FROM fanout_jobs WHERE id = ?`)
			.bind(job.id)
			.first();
		expect(state).toEqual({ selected: 150, status: 'done' });
		await waitForDeliveries(row.id, 'alert', 100);
		expect((await peer.received()).received.map((r) => r.id).sort()).toEqual(ids.slice(50));
	});
});

describe('exercises', () => {
	it('reach only officers’ registered devices and no public surface, with an unmistakable title', async () => {
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		const [publicDevice, officerDevice] = await peer.register(['public-phone', 'officer-phone']);
		const cell = encodeGeohash(CENTRE.lat - 0.2, CENTRE.lon, 5);
		await storeDevices([
			{ ...publicDevice!, regions: [cell] },
			{ ...officerDevice!, regions: [cell], officer: 'demo-officer' }
		]);
		const officer = await login('demo-national-officer');
		const approver = await login('demo-national-approver');
		const draft = {
			...DRAFT,
			lat: CENTRE.lat - 0.2,
			lon: CENTRE.lon,
			radiusKm: 20,
			exercise: true,
			childName: '演练儿童'
		};
		const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', draft)).json()) as {
			id: string;
		};
		const { version } = (await (
			await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {})
		).json()) as { version: number };
		expect(
			(
				await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
					confirm: '演练儿童',
					version
				})
			).status
		).toBe(202);
		await waitForDeliveries(id, 'alert', 1);

		const { received } = await peer.received();
		expect(received.map((r) => r.id)).toEqual(['officer-phone']);
		expect(received[0]!.payload).toMatchObject({ exercise: true, title: expect.stringMatching(/^【演练】/) });
		expect((await policeFetch(null, 'GET', `/api/cases/${id}`)).status).toBe(404);
		const alerts = (await (await policeFetch(null, 'GET', `/api/alerts?geohash=${cell}`)).json()) as {
			alerts: Array<{ id: string }>;
		};
		expect(alerts.alerts.map((a) => a.id)).not.toContain(id);
	});
});
