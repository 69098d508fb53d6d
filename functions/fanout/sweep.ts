import { listPublishedWithoutAlert } from '../db/cases';
import { stalledJobIds, touchJobs } from '../db/fanout-jobs';
import { isSendingPaused } from '../db/settings';
import type { Env } from '../env';
import { resendLostBatches } from './lost-batches';
import { rollUpSendTotals } from './roll-up';
import { startFanout } from './plan';

/**
 * A running job whose updated_at has not moved for this long has lost its queue message (an insert or enqueue
 * that failed after the case changed, a step that went to the dead-letter queue). A healthy job cannot look
 * like that: every step moves updated_at, a waiting job (pause, follow-up) is touched at every recheck (≤ 30 s),
 * and a failing step is retried within 300 s (consumers.ts). Even if the sweep did race a live step, a step
 * delivered twice sends nothing twice (job.ts).
 */
export const STALLED_AFTER_MINUTES = 10;
/** Alerts older than their push TTL (a day) are not started late. */
const START_WITHIN_HOURS = 24;
/** Bounded per minute, so one Cron run stays cheap even after an outage; the rest waits for the next minute. */
const MAX_REQUEUED = 100;
const MAX_STARTED = 20;

/**
 * Cron (every minute): re-sends send batches that lost their message, re-enqueues stalled jobs, starts alerts
 * for published cases that never started one and rolls each shard's delivery figures up into the case database.
 */
export async function sweepFanout(
	env: Env,
	now: Date
): Promise<{ requeued: number; started: number; resent: number }> {
	let requeued = 0;
	let resent = 0;
	if (!(await isSendingPaused(env.DB))) {
		// Send batches whose SEND message was lost (issue 18): a stalled job is not the only thing a crash leaves.
		resent = await resendLostBatches(env, now);
		const before = new Date(now.getTime() - STALLED_AFTER_MINUTES * 60_000);
		const ids = await stalledJobIds(env.DB, before, MAX_REQUEUED);
		if (ids.length) {
			await env.FANOUT.sendBatch(ids.map((jobId) => ({ body: { jobId }, contentType: 'json' as const })));
			await touchJobs(env.DB, ids, now);
			console.warn(`re-enqueued ${ids.length} stalled fan-out jobs`, ids);
		}
		requeued = ids.length;
	}
	const since = new Date(now.getTime() - START_WITHIN_HOURS * 3600_000);
	const unstarted = await listPublishedWithoutAlert(env.DB, since, MAX_STARTED);
	// startFanout is idempotent (job ids derive from case version and radius): racing an approval starts one job.
	for (const row of unstarted) await startFanout(env, row, { kind: 'alert' }, now);
	if (unstarted.length)
		console.warn(
			'started missing alert fan-outs',
			unstarted.map((r) => r.id)
		);
	// Outside the pause: figures of what was sent before it still count.
	await rollUpSendTotals(env, now);
	return { requeued, started: unstarted.length, resent };
}
