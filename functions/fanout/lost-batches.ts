import { getCaseRow, type CaseRow } from '../db/cases';
import { getJob, type FanoutJob } from '../db/fanout-jobs';
import {
	extendLeaseStatement,
	giveUpBatchStatement,
	overdueBatches,
	resentBatchStatement,
	type OverdueBatch
} from '../db/send-batches';
import { createShardMap } from '../db/shards';
import { findRecipientsByIds } from '../db/subscriptions';
import type { Env } from '../env';
import { batchDatabases } from './batch-dbs';
import { sendLeaseMs } from './lease';
import { buildPushMessages } from './messages';
import type { SendQueueMessage } from './queue-messages';
import { enqueueSpread } from './send-queues';

/** Bounded per Cron minute (≤ 20,000 devices); a larger loss drains over the next minutes. */
const PER_RUN = 200;
/** A batch that is lost again and again (a message that kills its consumer) is given up after this many. */
export const MAX_RESENDS = 5;

/**
 * Cron (every minute, inside the fan-out sweep): a send batch recorded but without an outcome past its lease lost
 * its SEND message — a crash takes the messages in flight with it, local queues hold nothing across a restart,
 * and a consumer can die mid-batch. Its devices (those still pending, or the whole batch if nothing was
 * recorded) go back on a SEND queue. Devices that did get the push before the crash get it again: the Topic (the
 * case) makes the push service replace it, and the service worker shows an announcement once.
 */
export async function resendLostBatches(env: Env, now: Date): Promise<number> {
	const jobs = new Map<string, FanoutJob | null>();
	const cases = new Map<string, CaseRow | null>();
	let resent = 0;
	// Each shard's batches are in its own database (batch-dbs.ts), and so are their leases.
	for (const { name, db } of batchDatabases(env)) resent += await resendFrom(env, name, db, now, jobs, cases);
	return resent;
}

async function resendFrom(
	env: Env,
	shard: string,
	db: D1Database,
	now: Date,
	jobs: Map<string, FanoutJob | null>,
	cases: Map<string, CaseRow | null>
): Promise<number> {
	const overdue = await overdueBatches(db, now, PER_RUN);
	if (!overdue.length) return 0;
	const shards = createShardMap(env);
	const dueBy = new Date(now.getTime() + sendLeaseMs(env));
	const messages: SendQueueMessage[] = [];
	const statements: D1PreparedStatement[] = [];
	for (const batch of overdue) {
		if (!jobs.has(batch.jobId)) jobs.set(batch.jobId, await getJob(env.DB, batch.jobId));
		if (!cases.has(batch.caseId)) cases.set(batch.caseId, await getCaseRow(env.DB, batch.caseId));
		const job = jobs.get(batch.jobId) ?? null;
		const row = cases.get(batch.caseId) ?? null;
		if (job && isAheadOfJob(batch, job)) {
			// Recorded by a step whose job never moved past it (the step died between the shard's rows and the
			// case database's progress): the job's next step records and sends it, so sending it here would
			// send it twice. Its lease runs on.
			statements.push(extendLeaseStatement(db, batch.id, dueBy));
			continue;
		}
		const reason = whyNot(batch, job, row);
		if (reason || !job || !row) {
			statements.push(giveUpBatchStatement(db, batch.id, reason ?? 'lost'));
			continue;
		}
		const recipients = await findRecipientsByIds(shards, batch.recipientIds);
		if (recipients.length)
			messages.push({
				batchId: batch.id,
				caseId: batch.caseId,
				kind: batch.kind,
				// The next attempt after the last recorded: an outcome recorded late by a lost copy cannot reopen it.
				attempt: batch.attempt + 1,
				recipients,
				messages: buildPushMessages(row, job.kind, job.text ?? undefined, job.createdAt),
				shard,
				dueBy: dueBy.toISOString()
			});
		statements.push(resentBatchStatement(db, batch.id, dueBy));
	}
	// Enqueued first: if recording fails, the next minute sends them again rather than never.
	await enqueueSpread(env, messages);
	await db.batch(statements);
	console.warn(`re-sent ${messages.length} send batches of ${shard} that had no outcome past their lease`);
	return messages.length;
}

/** The batch's sequence number is at or past the job's recorded progress, and the job is still running. */
function isAheadOfJob(batch: OverdueBatch, job: FanoutJob): boolean {
	if (job.done || !batch.id.startsWith(`${job.id}#`)) return false;
	return Number(batch.id.slice(job.id.length + 1)) >= job.batchSeq;
}

/** Why a lost batch is not sent again, or null when it is. */
function whyNot(batch: OverdueBatch, job: FanoutJob | null, row: CaseRow | null): string | null {
	// Quiet-hours summaries repeat at the next release of their own; a job or case deleted since has nobody left.
	if (!job || !row) return 'lost: no fan-out job to rebuild it from';
	if (batch.resent >= MAX_RESENDS) return `lost: given up after ${MAX_RESENDS} re-sends`;
	// A closed case alerts nobody more (step.ts); its follow-ups still go out.
	if (batch.kind === 'alert' && row.status !== 'published') return 'case closed before re-send';
	return null;
}
