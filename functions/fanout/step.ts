import type { CoveringCursor, Recipient } from '../db/recipients';
import { getCaseRow } from '../db/cases';
import {
	advanceJobStatement,
	closeJob,
	getJob,
	hasRunningAlertJob,
	markEnqueued,
	touchJob,
	type CoveringJob,
	type FanoutJob,
	type JobCursor,
	type RecordedJob
} from '../db/fanout-jobs';
import { alertRecipientPage, insertBatchStatement } from '../db/send-batches';
import { isSendingPaused } from '../db/settings';
import { createShardMap } from '../db/shards';
import { findRecipientsByIds } from '../db/subscriptions';
import type { Env } from '../env';
import { batchDatabase } from './batch-dbs';
import { enqueueSpread } from './send-queues';
import { sendLeaseMs } from './lease';
import { heldStatements, splitForQuietHours } from './quiet-hold';
import { selectPage } from './select';
import { resendRecorded, toSendBatches } from './step-batches';
import { exerciseOfficersOfCase } from '../units/exercise-reach';

// Runs one step of a fan-out job planned by plan.ts: read the next pages of what the job walks, record the send
// batches in the job's shard database and the job's progress in the case database, enqueue the sends, then
// enqueue the next step.

/** Rows read per query and queries per step: one step stays well inside D1's and the consumer's limits. */
const PAGE_ROWS = 500;
const PAGES_PER_STEP = 10;
/** The most rows one selection step reads (tests size multi-step fan-outs with it). */
export const ROWS_PER_STEP = PAGE_ROWS * PAGES_PER_STEP;
const RECORDED_BATCHES_PER_STEP = 20;

/**
 * `paused` and `waiting` (a follow-up behind its case's running alert) come back later as fresh queue messages;
 * `duplicate` means another delivery of the same step got there first, so this one sends nothing.
 */
export type StepResult = 'continue' | 'done' | 'paused' | 'waiting' | 'duplicate' | 'missing';

/** One bounded step of a job: select, record batches and progress, then enqueue the sends and the next step. */
export async function runFanoutStep(env: Env, jobId: string, now = new Date()): Promise<StepResult> {
	const job = await getJob(env.DB, jobId);
	if (!job) return 'missing';
	const unsent = job.enqueuedSeq < job.batchSeq;
	if (job.done && !unsent) return 'done';
	if (await isSendingPaused(env.DB)) return waitFor(env, job, 'paused', now);
	const row = await getCaseRow(env.DB, job.caseId);
	if (!row) return 'missing';
	if (job.kind === 'alert' && row.status !== 'published') {
		// A closed case alerts nobody more; its follow-up reaches the devices recorded until now.
		if (!job.done) await closeJob(env.DB, job, now);
		return 'done';
	}
	if (unsent) await resendRecorded(env, job, row);
	if (job.done) return 'done';
	// The alert may still be recording recipients: a follow-up walks them once it is done.
	if (job.source === 'recorded' && (await hasRunningAlertJob(env.DB, job.caseId)))
		return waitFor(env, job, 'waiting', now);
	const step = job.source === 'recorded' ? await recordedStep(env, job) : await coveringStep(env, job);
	// Quiet hours (issue 9, quiet-hold.ts): new alerts for devices in their quiet hours are held, not sent.
	const quiet = splitForQuietHours(job, row, step.recipients, now);
	const dueBy = new Date(now.getTime() + sendLeaseMs(env));
	const batches = toSendBatches(job, row, quiet.send, dueBy);
	const batchDb = batchDatabase(env, job.shard);
	const inserts = batches.map((b) =>
		insertBatchStatement(
			batchDb,
			{
				id: b.batchId,
				caseId: job.caseId,
				kind: job.kind,
				jobId: job.id,
				recipientIds: b.recipients.map((r) => r.id)
			},
			now,
			dueBy
		)
	);
	const progress = [
		...heldStatements(env.DB, quiet.held, now),
		advanceJobStatement(
			env.DB,
			job,
			step.next,
			job.batchSeq + batches.length,
			{ selected: step.recipients.length, rowsRead: step.rowsRead },
			now
		)
	];
	// Batches where the devices are (issue 23), first: their ids are deterministic and inserting them again does
	// nothing, so if this invocation dies before the job moves, the step's next delivery records the same rows
	// and goes on. With one database, rows and progress land together as before.
	if (batchDb !== env.DB && inserts.length) await batchDb.batch(inserts);
	const results = await env.DB.batch(batchDb === env.DB ? [...inserts, ...progress] : progress);
	// The same step delivered twice (queues are at least once): only the delivery that moved the job goes on,
	// or every later page would be sent twice. Its batch rows were the same, so inserting them did nothing.
	if (results.at(-1)?.meta.changes === 0) return 'duplicate';
	// Progress is recorded before the sends are enqueued; if this invocation dies in between, the next delivery
	// finds enqueued_seq behind and sends the recorded batches (resendRecorded).
	await enqueueSpread(env, batches);
	if (batches.length) await markEnqueued(env.DB, job.id, job.batchSeq + batches.length);
	if (!step.next) return 'done';
	await env.FANOUT.send({ jobId }, { contentType: 'json' });
	return 'continue';
}

/** A waiting job is alive: touching it keeps the Cron sweep from re-enqueueing it as stalled. */
async function waitFor<R extends StepResult>(env: Env, job: FanoutJob, result: R, now: Date): Promise<R> {
	await touchJob(env.DB, job.id, now);
	return result;
}

interface StepSelection {
	recipients: Recipient[];
	next: JobCursor | null;
	rowsRead: number;
}

/** Alerts: the next pages of the circle's covering in the job's shard, keeping devices inside the radius. */
async function coveringStep(env: Env, job: CoveringJob): Promise<StepSelection> {
	const shard = createShardMap(env).shards.find((s) => s.name === job.shard);
	if (!shard) throw new Error(`fan-out job ${job.id} names shard ${job.shard}, which is not configured`);
	const audience = {
		lat: job.lat,
		lon: job.lon,
		radiusKm: job.radiusKm,
		innerRadiusKm: job.innerRadiusKm,
		officersOnly: job.exercise,
		// An exercise reaches only the officers of its case's unit subtree (issue 21).
		officers: job.exercise ? await exerciseOfficersOfCase(env.DB, job.caseId) : undefined
	};
	const recipients: Recipient[] = [];
	let cursor: CoveringCursor | null = job.cursor;
	let rowsRead = 0;
	for (let page = 0; page < PAGES_PER_STEP && cursor; page++) {
		const result = await selectPage(shard.db, job.ranges, cursor, audience, PAGE_ROWS);
		recipients.push(...result.recipients);
		rowsRead += result.rowsRead;
		cursor = result.next;
	}
	return { recipients, next: cursor, rowsRead };
}

/**
 * Updates, resolution and cancellation go to exactly the devices the alert was sent to (still subscribed): those
 * the alert recorded in this job's shard database.
 */
async function recordedStep(env: Env, job: RecordedJob): Promise<StepSelection> {
	const pages = await alertRecipientPage(
		batchDatabase(env, job.shard),
		job.caseId,
		job.cursor.afterBatchId,
		RECORDED_BATCHES_PER_STEP
	);
	const ids = [...new Set(pages.flatMap((p) => p.recipientIds))];
	const recipients = await findRecipientsByIds(createShardMap(env), ids);
	const last = pages.at(-1);
	const next = pages.length === RECORDED_BATCHES_PER_STEP && last ? { afterBatchId: last.id } : null;
	return { recipients, next, rowsRead: ids.length };
}
