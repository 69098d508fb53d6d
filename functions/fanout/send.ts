import { extendBatchLeases, recordBatchOutcomes, type BatchOutcome } from '../db/send-batches';
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
import { batchDatabase, CASE_DB } from './batch-dbs';
import { pushTimeoutMs, sendLeaseMs } from './lease';
import { silentServices } from './silent-services';

/**
 * Transient failures (429, 5xx, timeouts) are tried this many times in all before counting as failed. The
 * back-off (backoff.ts) waits at least 0.5 + 1 + 2 + … + 128 ≈ 255 s over the nine retries: a push service that
 * answers 500 for a minute or two still gets every message (issue 18).
 */
export const MAX_ATTEMPTS = 10;
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
 * one D1 batch() per shard database holding them.
 */
export async function consumeSendBatch(batch: MessageBatch<SendQueueMessage>, env: Env): Promise<void> {
	const lease = sendLeaseMs(env);
	const started = Date.now();
	const paused = await isSendingPaused(env.DB);
	const timeoutMs = pushTimeoutMs(env);
	// Taken: the Cron must not think these lost while they are being sent (or wait out a pause). A lease is
	// written only where the one the batch has would not outlast this invocation (or a pause holds it): a SEND
	// backlog that drains within the lease costs no write per message (issue 23: writes per shard).
	const bodies = batch.messages.map((m) => m.body);
	const finishBy = started + invocationWorstMs(bodies, timeoutMs);
	const expiring = paused ? bodies : bodies.filter((b) => !b.dueBy || Date.parse(b.dueBy) < finishBy);
	const dueBy = new Date(started + lease + (paused ? PAUSE_RECHECK_SECONDS * 1000 : 0));
	// Each batch's lease is in its shard's database (batch-dbs.ts), one statement per database.
	const leased = await Promise.all(
		[...byShard(expiring, (body) => body)].map(async ([shard, mine]) =>
			extendBatchLeases(
				batchDatabase(env, shard),
				mine.flatMap((body) => [body.batchId, ...(body.recordedAs ?? [])]),
				dueBy
			)
		)
	).then(
		() => true,
		(error: unknown) => {
			console.error('could not extend send batch leases', error);
			return false;
		}
	);
	if (paused)
		return comeBackLater(
			batch.messages,
			// The copies carry their new due time, so the next take knows whether it must write one.
			(waiting, delay) =>
				enqueueSpread(
					env,
					leased ? waiting.map((b) => ({ ...b, dueBy: dueBy.toISOString() })) : waiting,
					delay
				),
			PAUSE_RECHECK_SECONDS
		);
	const signer = await getVapidSigner(env);
	const jobs = batch.messages.flatMap((queued) =>
		queued.body.recipients.map((recipient) => ({ queued, recipient }))
	);
	const parts = messageParts();
	const silent = silentServices();
	const deliveries = await mapWithConcurrency(jobs, MAX_CONNECTIONS, async ({ queued, recipient }) => {
		const message = queued.body;
		const skipped = silent.skip(recipient.endpoint);
		if (skipped) return { message, recipient, outcome: skipped };
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
			const outcome = await sendPush(request, { timeoutMs });
			silent.heard(recipient.endpoint, outcome);
			return { message, recipient, outcome };
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
					(delaySeconds) => ({ delaySeconds }),
					(error: unknown) => {
						// Without the copy the transient failures would be lost: retry the message as a whole
						// (duplicates of what went out carry the same Topic, so the push service replaces them).
						console.error('could not re-enqueue transient failures', queued.body.batchId, error);
						queued.retry({ delaySeconds: backoffSeconds(queued.body.attempt) });
						return null;
					}
				)
			)
		)
	]);
	const now = new Date();
	const settled = perMessage.flatMap((m, i) =>
		requeued[i] ? [{ ...m, delaySeconds: requeued[i].delaySeconds }] : []
	);
	// Each shard's outcomes in its own database, one D1 batch() per database (issue 23: the per-batch writes of
	// a national fan-out spread over the shards instead of all landing in the case database).
	await Promise.all(
		[...byShard(settled, (m) => m.queued.body)].map(async ([shard, messages]) => {
			const recorded = messages.flatMap(({ queued, mine, delaySeconds }) => {
				const outcome = outcomeOf(queued.body, mine, delaySeconds, now, lease);
				// Quiet-hours summaries (functions/cron/quiet-release.ts) count once per case they announce.
				const batchIds = [queued.body.batchId, ...(queued.body.recordedAs ?? [])];
				return batchIds.map((batchId) => ({ batchId, outcome }));
			});
			try {
				await recordBatchOutcomes(batchDatabase(env, shard), recorded, now);
			} catch (error) {
				console.error(
					'could not record the outcome of send batches',
					recorded.map((r) => r.batchId),
					error
				);
			}
		})
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

/**
 * The devices worth another try go back on the queue, alone, after the push service's Retry-After. Returns the
 * delay of the copy queued, or null when none was.
 */
async function requeueTransient(
	env: Env,
	message: SendQueueMessage,
	deliveries: Delivery[]
): Promise<number | null> {
	const retry = deliveries.filter((d) => d.outcome.status === 'retry');
	if (!retry.length || message.attempt >= MAX_ATTEMPTS) return null;
	const wait = Math.min(
		900,
		Math.max(...retry.map((d) => d.outcome.retryAfterSeconds ?? 0), backoffSeconds(message.attempt))
	);
	// Its row's outcome is due after the delay and a lease (recorded below, a moment later: never earlier).
	const dueBy = new Date(Date.now() + wait * 1000 + sendLeaseMs(env)).toISOString();
	await sendQueueFor(env, message.batchId).send(
		{ ...message, attempt: message.attempt + 1, recipients: retry.map((d) => d.recipient), dueBy },
		{ contentType: 'json', delaySeconds: wait }
	);
	return wait;
}

/** `delaySeconds`: the retry copy queued, if any; its outcome is due after the delay and a lease. */
function outcomeOf(
	message: SendQueueMessage,
	deliveries: Delivery[],
	delaySeconds: number | null,
	now: Date,
	leaseMs: number
): BatchOutcome {
	const retry = deliveries.filter((d) => d.outcome.status === 'retry');
	const canRetry = message.attempt < MAX_ATTEMPTS;
	const failed = deliveries.filter(
		(d) => d.outcome.status === 'failed' || (d.outcome.status === 'retry' && !canRetry)
	);
	const delivered = deliveries.filter((d) => d.outcome.status === 'delivered');
	return {
		attempt: message.attempt,
		next:
			delaySeconds === null
				? null
				: {
						pendingIds: retry.map((d) => d.recipient.id),
						dueBy: new Date(now.getTime() + delaySeconds * 1000 + leaseMs)
					},
		delivered: delivered.length,
		gone: deliveries.filter((d) => d.outcome.status === 'gone').length,
		failed: failed.length,
		retried: canRetry ? retry.length : 0,
		failureReasons: failed.map((d) => d.outcome.reason ?? `HTTP ${d.outcome.httpStatus ?? '?'}`),
		deliveredAt: delivered.length ? new Date().toISOString() : null
	};
}

/**
 * How long this invocation may take at worst: its devices over the connections, each push up to its deadline,
 * and a minute for the bookkeeping after.
 */
function invocationWorstMs(bodies: SendQueueMessage[], timeoutMs: number): number {
	const devices = bodies.reduce((n, b) => n + b.recipients.length, 0);
	return Math.ceil(devices / MAX_CONNECTIONS) * timeoutMs + 60_000;
}

/** Items grouped by the database holding their batch rows (absent: the case database, before issue 23). */
function byShard<T>(items: T[], bodyOf: (item: T) => SendQueueMessage): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const shard = bodyOf(item).shard ?? CASE_DB;
		const group = groups.get(shard);
		if (group) group.push(item);
		else groups.set(shard, [item]);
	}
	return groups;
}
