import { deliverAnnouncement } from '../case-changes';
import type { Env } from '../env';
import { recordDeadLetters } from '../db/dead-letters';
import { backoffSeconds } from './backoff';
import { runFanoutStep } from './step';
import { PAUSE_RECHECK_SECONDS } from './pause';
import { comeBackLater, type FanoutQueueMessage, type SendQueueMessage } from './queue-messages';
import { consumeSendBatch } from './send';
import { consumeWebhooks } from '../webhooks/deliver';
import type { WebhookQueueMessage } from '../webhooks/messages';

/** A follow-up (update, resolution, cancellation) checks this often whether its case's alert is done. */
const FOLLOW_UP_WAIT_SECONDS = 5;

const fanoutCopies = (queue: Queue) => async (bodies: FanoutQueueMessage[], delaySeconds: number) => {
	await queue.sendBatch(
		bodies.map((body) => ({ body, contentType: 'json' as const })),
		{ delaySeconds }
	);
};

export async function consumeFanout(batch: MessageBatch<FanoutQueueMessage>, env: Env): Promise<void> {
	for (const message of batch.messages) {
		const body = message.body;
		if ('announcementId' in body) {
			// Never throws; a failure queues its own next try (or leaves it to the Cron).
			await deliverAnnouncement(env, body.announcementId);
			message.ack();
			continue;
		}
		try {
			const result = await runFanoutStep(env, body.jobId);
			if (result === 'paused')
				await comeBackLater([message], fanoutCopies(env.FANOUT), PAUSE_RECHECK_SECONDS);
			else if (result === 'waiting')
				await comeBackLater([message], fanoutCopies(env.FANOUT), FOLLOW_UP_WAIT_SECONDS);
			else message.ack();
		} catch (error) {
			console.error('fan-out step failed', body.jobId, error);
			// A step that threw (D1 or Queue hiccup); bounded by max_retries. `attempts` counts this delivery.
			message.retry({ delaySeconds: backoffSeconds(message.attempts + 1) });
		}
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
	// SEND_0 is reunion-send (its name before there were several), SEND_1 … are reunion-send-1 …
	if (/-send(-\d+)?$/.test(batch.queue))
		return consumeSendBatch(batch as MessageBatch<SendQueueMessage>, env);
	if (batch.queue.endsWith('-webhooks'))
		return consumeWebhooks(batch as MessageBatch<WebhookQueueMessage>, env);
	if (batch.queue.endsWith('-dead')) return consumeDeadLetters(batch, env);
	console.error(`no consumer for queue ${batch.queue}`);
	batch.retryAll();
}
