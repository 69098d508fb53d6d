import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from './worker-entry';
import type { Env } from '../../functions/env';
import { insertJobStatement } from '../../functions/db/fanout-jobs';
import { setSendingPaused } from '../../functions/db/settings';
import { STALLED_AFTER_MINUTES } from '../../functions/fanout/sweep';
import { covering, decodeGeohash, encodeGeohash } from '../../src/lib/geo';
import { insertCase, markAlertSent } from './helpers/cases';
import { peer, storeDevices } from './helpers/peer';
import { HandQueues } from './helpers/queues';

const CENTRE = { lat: 30.2741, lon: 120.1551 }; // Hangzhou
const MINUTE = 60_000;

async function cron(target: Env, at: Date): Promise<void> {
	await worker.scheduled!(
		createScheduledController({ scheduledTime: at.getTime(), cron: '* * * * *' }),
		target,
		{ waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext
	);
}

async function devices(ids: string[]): Promise<string> {
	await peer.reset();
	await env.DB.exec('DELETE FROM subscription_regions');
	const cell = encodeGeohash(CENTRE.lat, CENTRE.lon, 5);
	await storeDevices((await peer.register(ids)).map((d) => ({ ...d, regions: [cell] })));
	return cell;
}

async function receivedIds(): Promise<string[]> {
	return (await peer.received()).received.map((r) => r.id).sort();
}

/** A job row whose queue message was never sent (the enqueue after the insert failed), last moved at `at`. */
async function jobWithoutMessage(caseId: string, cell: string, at: Date): Promise<string> {
	const point = decodeGeohash(cell);
	const id = `${caseId}:alert:lost`;
	await insertJobStatement(
		env.DB,
		{
			id,
			caseId,
			kind: 'alert',
			shard: 'DB',
			...point,
			radiusKm: 10,
			innerRadiusKm: 0,
			exercise: false,
			text: null,
			ranges: covering(point, 10).ranges
		},
		at
	).run();
	return id;
}

describe('the Cron sweep of fan-out jobs', () => {
	it('re-enqueues a running job that stopped moving, but not a recent one, and not while paused', async () => {
		const cell = await devices(['s1', 's2']);
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		const now = new Date();
		const queues = new HandQueues();

		await jobWithoutMessage(row.id, cell, new Date(now.getTime() - (STALLED_AFTER_MINUTES - 1) * MINUTE));
		await cron(queues.env, now);
		expect(queues.count('reunion-fanout')).toBe(0); // could be a healthy step's message still on its way

		const later = new Date(now.getTime() + 2 * MINUTE);
		await setSendingPaused(env.DB, true, later);
		try {
			await cron(queues.env, later);
			expect(queues.count('reunion-fanout')).toBe(0);
		} finally {
			await setSendingPaused(env.DB, false, later);
		}

		await cron(queues.env, later);
		expect(queues.count('reunion-fanout')).toBe(1);
		await cron(queues.env, new Date(later.getTime() + MINUTE)); // just re-enqueued: left alone
		expect(queues.count('reunion-fanout')).toBe(1);
		await queues.drain();
		expect(await receivedIds()).toEqual(['s1', 's2']);
	});

	it('starts the alert of a published case whose fan-out never started, once', async () => {
		const cell = await devices(['u1', 'u2']);
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		const sent = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		await markAlertSent(sent);
		const queues = new HandQueues();
		await cron(queues.env, new Date());
		await cron(queues.env, new Date());
		await queues.drain();
		expect(await receivedIds()).toEqual(['u1', 'u2']);
		const jobs = await env.DB.prepare(
			`SELECT case_id, status FROM fanout_jobs WHERE kind = 'alert' AND case_id IN (?, ?)`
		)
			.bind(row.id, sent.id)
			.all<{ case_id: string; status: string }>();
		// One job each: the sweep's for the case that had none, and the recorded one.
		expect(jobs.results.map((j) => `${j.case_id} ${j.status}`).sort()).toEqual(
			[`${row.id} done`, `${sent.id} done`].sort()
		);
	});
});
