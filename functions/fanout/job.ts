import { covering, type GeohashRange } from '../../src/lib/geo';
import { getCaseRow, type CaseRow } from '../db/cases';
import {
	advanceJobStatement,
	closeJob,
	getJob,
	hasRunningAlertJob,
	insertJobStatement,
	markEnqueued,
	touchJob,
	type FanoutJob,
	type MessageKind
} from '../db/fanout-jobs';
import { alertRecipientPage, insertBatchStatement } from '../db/send-batches';
import { isSendingPaused } from '../db/settings';
import { createShardMap, type Shard, type ShardMap } from '../db/shards';
import { findRecipientsByIds } from '../db/subscriptions';
import type { Env } from '../env';
import { enqueueSends } from './queue-messages';
import { selectPage, type Recipient } from './select';
import { resendRecorded, toSendBatches } from './step-batches';

/** Rows read per query and queries per step: one step stays well inside D1's and the consumer's limits. */
const PAGE_ROWS = 500;
const PAGES_PER_STEP = 10;
/** The most rows one selection step reads (tests size multi-step fan-outs with it). */
export const ROWS_PER_STEP = PAGE_ROWS * PAGES_PER_STEP;
const RECORDED_BATCHES_PER_STEP = 20;
/** Jobs for updates walk the recorded recipients of the alert, not the map. */
const RECORDED = 'recorded';

export interface FanoutRequest {
	kind: MessageKind;
	/** For a radius step: devices already inside this radius were alerted before and are skipped. */
	innerRadiusKm?: number;
	text?: string;
}

/**
 * Creates the fan-out jobs for a case message and enqueues their first steps. Job ids are derived from the case
 * version and radius, so approving twice (or a retried request) starts one fan-out.
 */
export async function startFanout(
	env: Env,
	row: CaseRow,
	request: FanoutRequest,
	now = new Date()
): Promise<string[]> {
	const shards = createShardMap(env);
	const plans =
		request.kind === 'alert'
			? planAlertJobs(shards, row)
			: [{ shard: RECORDED, ranges: [] as GeohashRange[] }];
	const created: string[] = [];
	for (const plan of plans) {
		const id = [
			row.id,
			request.kind,
			row.version,
			row.radius_km,
			request.innerRadiusKm ?? 0,
			plan.shard,
			request.kind === 'alert' ? '' : now.getTime()
		].join(':');
		const job = {
			id,
			caseId: row.id,
			kind: request.kind,
			shard: plan.shard,
			lat: row.lat,
			lon: row.lon,
			radiusKm: row.radius_km,
			innerRadiusKm: request.innerRadiusKm ?? 0,
			exercise: row.exercise === 1,
			text: request.text ?? null,
			ranges: plan.ranges
		};
		const result = await insertJobStatement(env.DB, job, now).run();
		if (result.meta.changes > 0) created.push(id);
	}
	if (created.length)
		await env.FANOUT.sendBatch(created.map((jobId) => ({ body: { jobId }, contentType: 'json' as const })));
	return created;
}

function planAlertJobs(shards: ShardMap, row: CaseRow) {
	const { ranges } = covering({ lat: row.lat, lon: row.lon }, row.radius_km);
	return shards.shards.map((shard) => ({
		shard: shard.name,
		ranges: ranges.filter((range) => rangeTouchesShard(range, shard, shards))
	}));
}

/** A range belongs to a shard when any of its keys is held there (longest-prefix rule of the shard map). */
function rangeTouchesShard(range: GeohashRange, shard: Shard, shards: ShardMap): boolean {
	if (shards.shards.length === 1) return true;
	return shard.prefixes.some(
		(prefix) => prefix === '' || (range.from <= prefix + 'zzzzz' && range.to >= prefix.padEnd(5, '0'))
	);
}

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
	if (job.shard === RECORDED && (await hasRunningAlertJob(env.DB, job.caseId)))
		return waitFor(env, job, 'waiting', now);
	const step = job.shard === RECORDED ? await recordedStep(env, job) : await selectionStep(env, job);
	const batches = toSendBatches(job, row, step.recipients);
	const results = await env.DB.batch([
		...batches.map((b) =>
			insertBatchStatement(
				env.DB,
				{
					id: b.batchId,
					caseId: job.caseId,
					kind: job.kind,
					jobId: job.id,
					recipientIds: b.recipients.map((r) => r.id)
				},
				now
			)
		),
		advanceJobStatement(
			env.DB,
			job,
			step.next,
			job.batchSeq + batches.length,
			{ selected: step.recipients.length, rowsRead: step.rowsRead },
			now
		)
	]);
	// The same step delivered twice (queues are at least once): only the delivery that moved the job goes on,
	// or every later page would be sent twice. Its batch rows were the same, so inserting them did nothing.
	if (results.at(-1)?.meta.changes === 0) return 'duplicate';
	// Progress is recorded before the sends are enqueued; if this invocation dies in between, the next delivery
	// finds enqueued_seq behind and sends the recorded batches (resendRecorded).
	await enqueueSends(env.SEND, batches);
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
	next: FanoutJob['cursor'] | null;
	rowsRead: number;
}

async function selectionStep(env: Env, job: FanoutJob): Promise<StepSelection> {
	const shard = createShardMap(env).shards.find((s) => s.name === job.shard);
	if (!shard) throw new Error(`fan-out job ${job.id} names shard ${job.shard}, which is not configured`);
	const audience = {
		lat: job.lat,
		lon: job.lon,
		radiusKm: job.radiusKm,
		innerRadiusKm: job.innerRadiusKm,
		officersOnly: job.exercise
	};
	const recipients: Recipient[] = [];
	let cursor: FanoutJob['cursor'] | null = job.cursor;
	let rowsRead = 0;
	for (let page = 0; page < PAGES_PER_STEP && cursor; page++) {
		const result = await selectPage(shard.db, job.ranges, cursor, audience, PAGE_ROWS);
		recipients.push(...result.recipients);
		rowsRead += result.rowsRead;
		cursor = result.next;
	}
	return { recipients, next: cursor, rowsRead };
}

/** Updates, resolution and cancellation go to exactly the devices the alert was sent to (still subscribed). */
async function recordedStep(env: Env, job: FanoutJob): Promise<StepSelection> {
	const pages = await alertRecipientPage(env.DB, job.caseId, job.cursor.id, RECORDED_BATCHES_PER_STEP);
	const ids = [...new Set(pages.flatMap((p) => p.recipientIds))];
	const recipients = await findRecipientsByIds(createShardMap(env), ids);
	const last = pages.at(-1);
	const next =
		pages.length === RECORDED_BATCHES_PER_STEP && last ? { rangeIndex: 0, geohash: '', id: last.id } : null;
	return { recipients, next, rowsRead: ids.length };
}
