import { Hono } from 'hono';
import { z } from 'zod';
import { pushSubscriptionSchema, regionGeohashSchema } from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import { createShardMap } from '../../db/shards';
import { findDevice, upsertSubscription } from '../../db/subscriptions';
import type { PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { ApiError } from '../http/errors';
import { requireAllowedPushEndpoint } from '../http/push-endpoint';
import { jsonBody } from '../http/validate';

const deviceSchema = z.object({
	subscription: pushSubscriptionSchema,
	// API.md's body is `{ subscription }`: a device already subscribed keeps its regions; a new one names them.
	regions: z.array(regionGeohashSchema).min(1).max(3).optional()
});

/** An officer marks a push subscription as their own device (exercises reach only these). Mounted at /api/police/devices. */
export const policeDevices = new Hono<PoliceEnv>().post('/', jsonBody(deviceSchema), async (c) => {
	const { subscription, regions } = c.get('body');
	requireAllowedPushEndpoint(c.env, subscription.endpoint);
	const user = c.get('user');
	const shards = createShardMap(c.env);
	const found = await findDevice(shards, subscription);
	const { known } = found;
	const deviceRegions = regions ?? known?.regions;
	if (!deviceRegions) {
		throw new ApiError(
			'validation_failed',
			'This device has no region yet. Choose one on the home page first, or send regions.',
			{ field: 'regions' }
		);
	}
	// An officer's device: exercises reach only these (functions/fanout/select.ts, officersOnly).
	const { id } = await upsertSubscription(
		shards,
		{ subscription, regions: deviceRegions, lang: known?.lang ?? 'zh-CN' },
		new Date(),
		user.id,
		found
	);
	await withAudit(c.env, await actorEntry(c, 'register_device'), []);
	return c.json({ id }, 201);
});
