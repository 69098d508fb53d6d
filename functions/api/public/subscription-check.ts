import { Hono } from 'hono';
import {
	checkIdSchema,
	checkRequestSchema,
	type CheckState
} from '../../../src/lib/schemas/subscription-check';
import type { CheckStatus } from '../../../src/lib/schemas/public-responses';
import {
	getCheck,
	insertCheckWithinLimit,
	markCheckFailed,
	markCheckReceived
} from '../../db/subscription-checks';
import { createShardMap } from '../../db/shards';
import { deleteSubscription, findSubscription, subscriptionIdFor } from '../../db/subscriptions';
import type { Env } from '../../env';
import { CHECK_TTL_SECONDS, pushServiceOf, sendCheckPush } from '../../fanout/check-push';
import { ApiError, rateLimited } from '../http/errors';
import { jsonBody } from '../http/validate';

/** API.md: at most 3 checks per subscription per hour. */
export const CHECKS_PER_HOUR = 3;
const HOUR_MS = 3600_000;
/** A check not received within this time is `expired`: the push service accepted it but the phone never saw it. */
export const CHECK_EXPIRES_MS = CHECK_TTL_SECONDS * 1000;

function checkIdParam(value: string): string {
	const parsed = checkIdSchema.safeParse(value);
	if (!parsed.success) throw new ApiError('not_found', 'There is no such check.');
	return parsed.data;
}

/**
 * The delivery check (API.md "Subscriptions"): a 201 from the push service does not mean the phone got the
 * message, so a check counts as delivered only when the service worker reports its id.
 */
export const subscriptionCheck = new Hono<{ Bindings: Env }>()
	.post('/', jsonBody(checkRequestSchema), async (c) => {
		const { endpoint, auth } = c.get('body');
		const shards = createShardMap(c.env);
		const subscription = await findSubscription(shards, await subscriptionIdFor(endpoint));
		if (!subscription)
			throw new ApiError('not_found', 'This browser is not subscribed here: turn alerts on first.');
		// The auth secret proves the caller holds the subscription; the endpoint alone may have leaked.
		if (subscription.auth !== auth)
			throw new ApiError('auth_mismatch', 'The auth key does not match this subscription.', {
				field: 'auth'
			});
		const checkId = crypto.randomUUID();
		const now = new Date();
		const slot = await insertCheckWithinLimit(
			c.env.DB,
			{ id: checkId, subscriptionId: subscription.id },
			CHECKS_PER_HOUR,
			HOUR_MS,
			now
		);
		if (!slot.inserted)
			throw rateLimited(`At most ${CHECKS_PER_HOUR} checks an hour per device.`, slot.retryAfterSeconds);
		// Recorded before sending: the receipt may come back before the push service has answered us.
		const outcome = await sendCheckPush(c.env, subscription, checkId);
		if (outcome.status !== 'delivered') {
			const detail = outcome.status === 'gone' ? 'subscription gone' : outcome.reason;
			await markCheckFailed(c.env.DB, checkId, detail);
			// As the sender does (RFC 8030 §7.3): the push service no longer knows this subscription.
			if (outcome.status === 'gone') await deleteSubscription(shards, subscription.id);
		}
		return c.json({ checkId, pushService: pushServiceOf(subscription.endpoint) }, 202);
	})
	.get('/:checkId', async (c) => {
		const check = await getCheck(c.env.DB, checkIdParam(c.req.param('checkId')));
		if (!check) throw new ApiError('not_found', 'There is no such check.');
		const expired = check.state === 'sent' && Date.parse(check.created_at) < Date.now() - CHECK_EXPIRES_MS;
		const state: CheckState = expired ? 'expired' : check.state;
		const status: CheckStatus = { state, ...(check.detail ? { detail: check.detail } : {}) };
		return c.json(status);
	})
	.post('/:checkId/received', async (c) => {
		const checkId = checkIdParam(c.req.param('checkId'));
		const now = new Date();
		if (await markCheckReceived(c.env.DB, checkId, now, new Date(now.getTime() - CHECK_EXPIRES_MS)))
			return c.body(null, 204);
		if (!(await getCheck(c.env.DB, checkId))) throw new ApiError('not_found', 'There is no such check.');
		throw new ApiError('conflict', 'This check was already decided or has expired.');
	});
