import { Hono } from 'hono';
import { subscribeSchema, unsubscribeSchema } from '../../../src/lib/schemas';
import { quietHoursEnd } from '../../../src/lib/quiet-hours/decide';
import { bringForwardRelease } from '../../db/held-alerts';
import { hitRateLimit } from '../../db/rate-limits';
import { createShardMap } from '../../db/shards';
import {
	deleteSubscription,
	findSubscription,
	holdsSecret,
	subscriptionIdFor,
	upsertSubscription
} from '../../db/subscriptions';
import type { Env } from '../../env';
import { hashedClientAddress } from '../http/client';
import { authMismatchError, rateLimited } from '../http/errors';
import { requireAllowedPushEndpoint } from '../http/push-endpoint';
import { jsonBody } from '../http/validate';

const RATE_WINDOW_SECONDS = 600;

export const subscriptions = new Hono<{ Bindings: Env }>()
	.post('/', jsonBody(subscribeSchema), async (c) => {
		const body = c.get('body');
		requireAllowedPushEndpoint(c.env, body.subscription.endpoint);
		// Counted before writing, so a script cannot inflate every fan-out with fake devices.
		const limit = Number(c.env.SUBSCRIBE_RATE_LIMIT ?? '20');
		const bucket = `subscribe:${await hashedClientAddress(c)}`;
		const verdict = await hitRateLimit(c.env.DB, bucket, limit, RATE_WINDOW_SECONDS, new Date());
		if (!verdict.allowed) {
			throw rateLimited(
				'Too many subscription changes from this address. Try again later.',
				verdict.retryAfterSeconds
			);
		}
		const { id, created, authMismatch } = await upsertSubscription(createShardMap(c.env), body, new Date());
		if (authMismatch) throw authMismatchError();
		// Quiet hours shortened or turned off: what they held is released by the new end (issue 9, quiet-hold.ts).
		if (body.quietHours !== undefined && !created) {
			const now = new Date();
			await bringForwardRelease(c.env.DB, id, body.quietHours ? quietHoursEnd(body.quietHours, now) : now);
		}
		return c.json({ id }, created ? 201 : 200);
	})
	.delete('/', jsonBody(unsubscribeSchema), async (c) => {
		const { endpoint, auth } = c.get('body');
		const shards = createShardMap(c.env);
		const id = await subscriptionIdFor(endpoint);
		const existing = await findSubscription(shards, id);
		if (!existing) return c.body(null, 204);
		// The auth secret proves the caller holds the subscription; the endpoint alone may have leaked.
		if (!holdsSecret(existing, auth)) throw authMismatchError('auth');
		await deleteSubscription(shards, id);
		return c.body(null, 204);
	});
