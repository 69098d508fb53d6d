import type { PartnerWithSecrets } from '../db/partners';
import { getPartnerWithSecrets } from '../db/partners';
import { isSendingPaused } from '../db/settings';
import { getWebhookEvent, recordAttempt, type WebhookEvent } from '../db/webhook-deliveries';
import { isLocalMode, type Env } from '../env';
import { PAUSE_RECHECK_SECONDS } from '../fanout/pause';
import type { WebhookQueueMessage } from './messages';
import { retryDelaySeconds, retryScale } from './schedule';
import { signWebhook } from './sign';
import { webhookUrlProblem } from './url-policy';

/** A partner that does not answer within this long has failed the attempt; the next one comes on schedule. */
export const DELIVERY_TIMEOUT_MS = 10_000;

interface Answer {
	statusCode: number | null;
	error: string | null;
}

/** One POST, never following a redirect (a 3xx could point anywhere, including where url-policy refuses). */
async function post(partner: PartnerWithSecrets, event: WebhookEvent, now: Date): Promise<Answer> {
	try {
		const response = await fetch(partner.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'User-Agent': 'Reunion-Webhooks/1',
				...signWebhook(partner.secrets, event.id, now, event.body)
			},
			body: event.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS)
		});
		await response.body?.cancel();
		if (response.status >= 200 && response.status < 300) return { statusCode: response.status, error: null };
		const redirected = response.status >= 300 && response.status < 400;
		return { statusCode: response.status, error: redirected ? 'redirect not followed' : null };
	} catch (error) {
		const name = (error as { name?: string })?.name;
		if (name === 'TimeoutError' || name === 'AbortError') return { statusCode: null, error: 'timeout' };
		return { statusCode: null, error: `network: ${String(error).slice(0, 200)}` };
	}
}

export type AttemptResult = 'delivered' | 'retrying' | 'failed' | 'refused' | 'dropped' | 'paused';

/**
 * One attempt, logged: delivered on a 2xx; otherwise the next attempt is queued after the schedule's wait, until
 * the last. A deleted or disabled partner, or an event already pruned, drops the attempt; while the admins'
 * pause is on, the attempt waits without counting.
 */
export async function deliverAttempt(
	env: Env,
	message: WebhookQueueMessage,
	now: Date
): Promise<AttemptResult> {
	const [partner, event] = await Promise.all([
		getPartnerWithSecrets(env.DB, message.partnerId, now),
		getWebhookEvent(env.DB, message.eventId)
	]);
	if (!partner || partner.disabled || !event) return 'dropped';
	if (await isSendingPaused(env.DB)) {
		await env.WEBHOOKS.send(message, { delaySeconds: PAUSE_RECHECK_SECONDS });
		return 'paused';
	}
	const record = { partnerId: partner.id, event, attempt: message.attempt, at: now };
	// Checked again at delivery: a row written in local mode, or before a rule was tightened, is still refused.
	if (webhookUrlProblem(partner.url, isLocalMode(env))) {
		await recordAttempt(env.DB, {
			...record,
			outcome: 'refused',
			statusCode: null,
			error: 'address not allowed',
			nextAttemptAt: null
		});
		return 'refused';
	}
	const answer = await post(partner, event, now);
	if (answer.error === null && answer.statusCode !== null && answer.statusCode < 300) {
		await recordAttempt(env.DB, { ...record, ...answer, outcome: 'delivered', nextAttemptAt: null });
		return 'delivered';
	}
	const delay = retryDelaySeconds(message.attempt + 1, retryScale(env.WEBHOOK_RETRY_SCALE));
	const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay * 1000);
	await recordAttempt(env.DB, {
		...record,
		...answer,
		outcome: delay === null ? 'failed' : 'retrying',
		nextAttemptAt
	});
	if (delay === null) return 'failed';
	await env.WEBHOOKS.send({ ...message, attempt: message.attempt + 1 } satisfies WebhookQueueMessage, {
		delaySeconds: delay
	});
	return 'retrying';
}

/** Workers may hold six outgoing connections at once; a batch's attempts go out that many at a time. */
const CONCURRENT_ATTEMPTS = 6;

/**
 * The WEBHOOKS queue's consumer. A partner's failure is an attempt in its log, never a thrown error; only a
 * failure of our own (D1, the queue) retries the message, bounded by max_retries.
 */
export async function consumeWebhooks(batch: MessageBatch<WebhookQueueMessage>, env: Env): Promise<void> {
	for (let i = 0; i < batch.messages.length; i += CONCURRENT_ATTEMPTS) {
		await Promise.all(
			batch.messages.slice(i, i + CONCURRENT_ATTEMPTS).map(async (message) => {
				try {
					await deliverAttempt(env, message.body, new Date());
					message.ack();
				} catch (error) {
					console.error('webhook attempt failed on our side', message.body, error);
					message.retry({ delaySeconds: 5 });
				}
			})
		);
	}
}
