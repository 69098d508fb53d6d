import { recordBatchOutcomes, type BatchOutcome } from '../db/send-batches';
import { isSendingPaused } from '../db/settings';
import { createShardMap } from '../db/shards';
import { deleteSubscriptions } from '../db/subscriptions';
import type { Env } from '../env';
import {
	buildPushRequest,
	encodePushMessage,
	mapWithConcurrency,
	MAX_CONNECTIONS,
	sendPush,
	topicForCase,
	type PushOutcome
} from '../push';
import { PAUSE_RECHECK_SECONDS } from './pause';
import { comeBackLater, type SendQueueMessage } from './queue-messages';
import { enqueueSpread, sendQueueFor } from './send-queues';
import type { Recipient } from '../db/recipients';
import { getVapidSigner } from './vapid-signer';
import { backoffSeconds } from './backoff';

/** A slow push service must not hold the others: each request has its own deadline. */
export const PUSH_TIMEOUT_MS = 10_000;
/** Transient failures (429, 5xx, timeouts) are retried this many times in all before counting as failed. */
export const MAX_ATTEMPTS = 6;
/** Alerts older than a day are stale: the push service may drop them if the phone stays offline that long. */
const TTL_SECONDS = 24 * 3600;

interface Delivery {
	message: SendQueueMessage;
	recipient: Recipient;
	outcome: PushOutcome;
}

/**
 * Sends every message of the batch through one pool of 6 connections, then, for the whole invocation, deletes
 * the gone devices and re-enqueues the devices worth retrying (at once) and records every batch's outcome in
 * one D1 batch().
 */
export async function consumeSendBatch(batch: MessageBatch<SendQueueMessage>, env: Env): Promise<void> {
	if (await isSendingPaused(env.DB))
		return comeBackLater(
			batch.messages,
			(bodies, delay) => enqueueSpread(env, bodies, delay),
			PAUSE_RECHECK_SECONDS
		);
	const signer = await getVapidSigner(env);
	const jobs = batch.messages.flatMap((queued) =>
		queued.body.recipients.map((recipient) => ({ queued, recipient }))
	);
	const parts = messageParts();
	const deliveries = await mapWithConcurrency(jobs, MAX_CONNECTIONS, async ({ queued, recipient }) => {
		const message = queued.body;
		try {
			const { topic, payload } = await parts(message, recipient.lang);
			const request = await buildPushRequest(
				{
					subscription: {
						endpoint: recipient.endpoint,
						keys: { p256dh: recipient.p256dh, auth: recipient.auth }
					},
					payload,
					topic,
					ttlSeconds: TTL_SECONDS,
					urgency: 'high'
				},
				signer
			);
			return { message, recipient, outcome: await sendPush(request, { timeoutMs: PUSH_TIMEOUT_MS }) };
		} catch (error) {
			// A bad key in one subscription fails that message only.
			return {
				message,
				recipient,
				outcome: {
					status: 'failed',
					reason: error instanceof Error ? error.message : String(error)
				} as PushOutcome
			};
		}
	});
	// From here on the pushes have gone out: a bookkeeping failure must not retry the batch and push them again.
	const perMessage = batch.messages.map((queued) => ({
		queued,
		mine: deliveries.filter((d) => d.message === queued.body)
	}));
	const [, requeued] = await Promise.all([
		forgetGone(env, deliveries),
		Promise.all(
			perMessage.map(({ queued, mine }) =>
				requeueTransient(env, queued.body, mine).then(
					() => true,
					(error: unknown) => {
						// Without the copy the transient failures would be lost: retry the message as a whole
						// (duplicates of what went out carry the same Topic, so the push service replaces them).
						console.error('could not re-enqueue transient failures', queued.body.batchId, error);
						queued.retry({ delaySeconds: backoffSeconds(queued.body.attempt) });
						return false;
					}
				)
			)
		)
	]);
	const settled = perMessage.filter((_, i) => requeued[i]);
	await recordBatchOutcomes(
		env.DB,
		settled.flatMap(({ queued, mine }) => {
			const outcome = outcomeOf(queued.body, mine);
			// Quiet-hours summaries (functions/cron/quiet-release.ts) count once per case they announce.
			const batchIds = [queued.body.batchId, ...(queued.body.recordedAs ?? [])];
			return batchIds.map((batchId) => ({ batchId, outcome }));
		}),
		new Date()
	).catch((error: unknown) =>
		console.error(
			'could not record the outcome of send batches',
			settled.map((m) => m.queued.body.batchId),
			error
		)
	);
	for (const { queued } of settled) queued.ack();
}

/**
 * The Topic and encoded payload are the same for every device of a message in one language: worked out once
 * per message and language, not per device. A message too large to encode fails those devices only.
 */
function messageParts() {
	const memo = new Map<string, Promise<{ topic: string; payload: Uint8Array }>>();
	return (message: SendQueueMessage, lang: Recipient['lang']) => {
		const key = `${message.batchId}/${message.attempt}/${lang}`;
		let parts = memo.get(key);
		if (!parts) {
			parts = topicForCase(message.caseId).then((topic) => ({
				topic,
				// RFC 8030 §7.2: ≤ 4 KB; a long update text is cut rather than refused by the push service.
				payload: encodePushMessage(message.messages[lang])
			}));
			memo.set(key, parts);
		}
		return parts;
	};
}

async function forgetGone(env: Env, deliveries: Delivery[]): Promise<void> {
	const gone = deliveries.filter((d) => d.outcome.status === 'gone').map((d) => d.recipient.id);
	if (!gone.length) return;
	await deleteSubscriptions(createShardMap(env), gone).catch((error: unknown) =>
		console.error('could not delete gone subscriptions; the next send finds them gone again', error)
	);
}

/** The devices worth another try go back on the queue, alone, after the push service's Retry-After. */
async function requeueTransient(env: Env, message: SendQueueMessage, deliveries: Delivery[]): Promise<void> {
	const retry = deliveries.filter((d) => d.outcome.status === 'retry');
	if (!retry.length || message.attempt >= MAX_ATTEMPTS) return;
	const wait = Math.max(
		...retry.map((d) => d.outcome.retryAfterSeconds ?? 0),
		backoffSeconds(message.attempt)
	);
	await sendQueueFor(env, message.batchId).send(
		{ ...message, attempt: message.attempt + 1, recipients: retry.map((d) => d.recipient) },
		{ contentType: 'json', delaySeconds: Math.min(wait, 900) }
	);
}

function outcomeOf(message: SendQueueMessage, deliveries: Delivery[]): BatchOutcome {
	const retry = deliveries.filter((d) => d.outcome.status === 'retry');
	const canRetry = message.attempt < MAX_ATTEMPTS;
	const failed = deliveries.filter(
		(d) => d.outcome.status === 'failed' || (d.outcome.status === 'retry' && !canRetry)
	);
	const delivered = deliveries.filter((d) => d.outcome.status === 'delivered');
	return {
		delivered: delivered.length,
		gone: deliveries.filter((d) => d.outcome.status === 'gone').length,
		failed: failed.length,
		retried: canRetry ? retry.length : 0,
		failureReasons: failed.map((d) => d.outcome.reason ?? `HTTP ${d.outcome.httpStatus ?? '?'}`),
		deliveredAt: delivered.length ? new Date().toISOString() : null
	};
}
