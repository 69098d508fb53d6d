import type { Env } from '../env';
import { recordDeadLetters } from '../db/dead-letters';
import { runFanoutStep } from './job';
import { PAUSE_RECHECK_SECONDS } from './pause';
import type { FanoutQueueMessage, SendQueueMessage } from './queue-messages';
import { consumeSendBatch } from './send';

/** Exponential back-off with full jitter for a step that threw (D1 or Queue hiccup), bounded by max_retries. */
function retryDelay(attempts: number): number {
	return Math.ceil(Math.random() * Math.min(300, 2 ** attempts));
}

export async function consumeFanout(batch: MessageBatch<FanoutQueueMessage>, env: Env): Promise<void> {
	for (const message of batch.messages) {
		try {
			const result = await runFanoutStep(env, message.body.jobId);
			if (result === 'paused') await holdWhilePaused(message, env.FANOUT);
			else message.ack();
		} catch (error) {
			console.error('fan-out step failed', message.body.jobId, error);
			message.retry({ delaySeconds: retryDelay(message.attempts) });
		}
	}
}

/**
 * A pause may last hours, and every retry counts toward max_retries (then the dead-letter queue, and the alert
 * is never sent): a paused message goes back as a fresh copy instead. Only if that fails is it retried.
 */
async function holdWhilePaused(message: Message<FanoutQueueMessage>, queue: Queue): Promise<void> {
	try {
		await queue.send(message.body, { contentType: 'json', delaySeconds: PAUSE_RECHECK_SECONDS });
		message.ack();
	} catch (error) {
		console.error('could not re-enqueue a paused fan-out step', message.body.jobId, error);
		message.retry({ delaySeconds: PAUSE_RECHECK_SECONDS });
	}
}

export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
	await recordDeadLetters(
		env.DB,
		batch.messages.map((m) => ({ queue: batch.queue, body: m.body, attempts: m.attempts })),
		new Date()
	);
	batch.ackAll();
}

/** Routes each queue's batch by name (wrangler.toml); an unknown queue is a deployment mistake worth a log. */
export async function consumeQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
	if (batch.queue.endsWith('-fanout')) return consumeFanout(batch as MessageBatch<FanoutQueueMessage>, env);
	if (batch.queue.endsWith('-send')) return consumeSendBatch(batch as MessageBatch<SendQueueMessage>, env);
	if (batch.queue.endsWith('-dead')) return consumeDeadLetters(batch, env);
	console.error(`no consumer for queue ${batch.queue}`);
	batch.retryAll();
}
