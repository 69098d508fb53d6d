import type { CaseRow } from '../db/cases';
import { markEnqueued, type FanoutJob } from '../db/fanout-jobs';
import { batchesBetween } from '../db/send-batches';
import { createShardMap } from '../db/shards';
import { findRecipientsByIds } from '../db/subscriptions';
import type { Env } from '../env';
import { buildPushMessages } from './messages';
import type { SendQueueMessage } from './queue-messages';
import { batchDatabase, CASE_DB } from './batch-dbs';
import { enqueueSpread } from './send-queues';
import type { Recipient } from '../db/recipients';

const SEND_BATCH_SIZE = 100;

/** Deterministic, so a repeated step records and sends the same batch ids (and ids sort by sequence). */
export function batchId(job: Pick<FanoutJob, 'id'>, seq: number): string {
	return `${job.id}#${String(seq).padStart(6, '0')}`;
}

/** `dueBy`: when the recorded batches' outcomes are due (their `due_by`), carried by the messages. */
export function toSendBatches(
	job: FanoutJob,
	row: CaseRow,
	recipients: Recipient[],
	dueBy: Date
): SendQueueMessage[] {
	const messages = buildPushMessages(row, job.kind, job.text ?? undefined, job.createdAt);
	const batches: SendQueueMessage[] = [];
	for (let i = 0; i < recipients.length; i += SEND_BATCH_SIZE) {
		batches.push({
			batchId: batchId(job, job.batchSeq + batches.length),
			caseId: job.caseId,
			kind: job.kind,
			attempt: 1,
			recipients: recipients.slice(i, i + SEND_BATCH_SIZE),
			messages,
			shard: job.shard,
			dueBy: dueBy.toISOString()
		});
	}
	return batches;
}

/**
 * Sends the batches a step recorded but may not have enqueued (its invocation died in between): rebuilt from
 * their recorded recipients, still subscribed. A copy that did go out is repeated; the Topic replaces it.
 */
export async function resendRecorded(env: Env, job: FanoutJob, row: CaseRow): Promise<void> {
	const from = batchId(job, job.enqueuedSeq);
	const to = batchId(job, job.batchSeq);
	// The job's shard database; and the case database too, where a job running when issue 23 was deployed
	// recorded its earlier batches.
	const places = [...new Set([job.shard, CASE_DB])];
	const recorded = (
		await Promise.all(
			places.map(async (shard) =>
				(await batchesBetween(batchDatabase(env, shard), from, to)).map((b) => ({ ...b, shard }))
			)
		)
	).flat();
	const messages = buildPushMessages(row, job.kind, job.text ?? undefined, job.createdAt);
	const shards = createShardMap(env);
	const batches: SendQueueMessage[] = [];
	for (const batch of recorded) {
		const recipients = await findRecipientsByIds(shards, batch.recipientIds);
		if (recipients.length)
			batches.push({
				batchId: batch.id,
				caseId: job.caseId,
				kind: job.kind,
				attempt: 1,
				recipients,
				messages,
				shard: batch.shard
			});
	}
	await enqueueSpread(env, batches);
	await markEnqueued(env.DB, job.id, job.batchSeq);
}
