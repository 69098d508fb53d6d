import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { insertJobStatement } from '../../functions/db/fanout-jobs';
import { setSendingPaused } from '../../functions/db/settings';
import { STALLED_AFTER_MINUTES } from '../../functions/fanout/sweep';
import { covering, decodeGeohash } from '../../src/lib/geo';
import { insertCase, markAlertSent } from './helpers/cases';
import { cron } from './helpers/cron';
import { devicesAt, peer } from './helpers/peer';
import { HandQueues } from './helpers/queues';

const CENTRE = { lat: 30.2741, lon: 120.1551 }; // Hangzhou
const MINUTE = 60_000;

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
			source: 'covering',
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
		const cell = await devicesAt(CENTRE, ['s1', 's2']);
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		const now = new Date();
		const queues = new HandQueues();

		await jobWithoutMessage(row.id, cell, new Date(now.getTime() - (STALLED_AFTER_MINUTES - 1) * MINUTE));
		await cron(now, queues.env);
		expect(queues.count('reunion-fanout')).toBe(0); // could be a healthy step's message still on its way

		const later = new Date(now.getTime() + 2 * MINUTE);
		await setSendingPaused(env.DB, true, later);
		try {
			await cron(later, queues.env);
			expect(queues.count('reunion-fanout')).toBe(0);
		} finally {
			await setSendingPaused(env.DB, false, later);
		}

		await cron(later, queues.env);
		expect(queues.count('reunion-fanout')).toBe(1);
		await cron(new Date(later.getTime() + MINUTE), queues.env); // just re-enqueued: left alone
		expect(queues.count('reunion-fanout')).toBe(1);
		await queues.drain();
		expect(await receivedIds()).toEqual(['s1', 's2']);
	});

	it('starts the alert of a published case whose fan-out never started, once', async () => {
		const cell = await devicesAt(CENTRE, ['u1', 'u2']);
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		const sent = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		await markAlertSent(sent);
		const queues = new HandQueues();
		await cron(new Date(), queues.env);
		await cron(new Date(), queues.env);
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
