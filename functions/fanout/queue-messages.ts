import type { PushMessage } from '../../src/lib/push/notification';
import type { Lang } from '../../src/lib/schemas';
import type { MessageKind } from '../db/fanout-jobs';
import type { Recipient } from '../db/recipients';

/**
 * FANOUT queue: one step of a fan-out job, or a case announcement to deliver again after a listener failed
 * (functions/case-changes): both are short, bounded steps, so they share the queue and its consumer settings.
 */
export type FanoutQueueMessage = { jobId: string } | { announcementId: string };

/** SEND queue: ≤ 100 devices and the text for each language (so the consumer needs no D1 read to send). */
export interface SendQueueMessage {
	batchId: string;
	caseId: string;
	kind: MessageKind;
	attempt: number;
	recipients: Recipient[];
	messages: Record<Lang, PushMessage>;
	/** A quiet-hours summary covers several cases: its outcome is recorded on each case's batch row too. */
	recordedAs?: string[];
	/**
	 * The binding of the database holding the batch row (batch-dbs.ts): the shard whose devices these are.
	 * Absent in messages queued before issue 23, whose rows are in the case database.
	 */
	shard?: string;
	/**
	 * When the batch row's outcome is due (its `due_by`, ISO) as it stood when this copy was queued, or earlier:
	 * the consumer writes a longer lease only when the one left would not outlast its invocation (send.ts).
	 * Absent: unknown, so the consumer writes one.
	 */
	dueBy?: string;
}

// Queues: sendBatch takes ≤ 100 messages and ≤ 256 KB; keep a margin for the envelope.
const MAX_BATCH_MESSAGES = 100;
const MAX_BATCH_BYTES = 240 * 1024;

/** Enqueues send batches in as few `sendBatch` calls as the Queue limits allow. */
export async function enqueueSends(
	queue: Queue,
	messages: SendQueueMessage[],
	delaySeconds?: number
): Promise<void> {
	let group: MessageSendRequest<SendQueueMessage>[] = [];
	let bytes = 0;
	for (const body of messages) {
		const size = JSON.stringify(body).length;
		if (group.length === MAX_BATCH_MESSAGES || (group.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
			await queue.sendBatch(group, { delaySeconds });
			[group, bytes] = [[], 0];
		}
		group.push({ body, contentType: 'json' });
		bytes += size;
	}
	if (group.length) await queue.sendBatch(group, { delaySeconds });
}

/**
 * A pause (or a big alert a follow-up waits for) may last hours, and every retry counts toward max_retries, then
 * the dead-letter queue, and the message is never sent: waiting messages go back as fresh copies instead, acked
 * once the copies are queued. Only if that fails are they retried.
 */
export async function comeBackLater<Body>(
	messages: readonly Message<Body>[],
	enqueue: (bodies: Body[], delaySeconds: number) => Promise<void>,
	delaySeconds: number
): Promise<void> {
	try {
		await enqueue(
			messages.map((m) => m.body),
			delaySeconds
		);
		for (const message of messages) message.ack();
	} catch (error) {
		console.error('could not re-enqueue waiting messages; retrying them instead', error);
		for (const message of messages) message.retry({ delaySeconds });
	}
}
