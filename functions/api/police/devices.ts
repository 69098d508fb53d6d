import { Hono } from 'hono';
import { officerDeviceSchema } from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import { createShardMap } from '../../db/shards';
import { findDevice, upsertSubscription } from '../../db/subscriptions';
import type { PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { ApiError, authMismatchError } from '../http/errors';
import { requireAllowedPushEndpoint } from '../http/push-endpoint';
import { jsonBody } from '../http/validate';

/** An officer marks a push subscription as their own device (exercises reach only these). Mounted at /api/police/devices. */
export const policeDevices = new Hono<PoliceEnv>().post('/', jsonBody(officerDeviceSchema), async (c) => {
	const { subscription, regions } = c.get('body');
	requireAllowedPushEndpoint(c.env, subscription.endpoint);
	const user = c.get('user');
	const shards = createShardMap(c.env);
	const found = await findDevice(shards, subscription);
	// An officer marks only a subscription whose auth secret they present, or anyone could claim a device.
	if (found.mismatch) throw authMismatchError();
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
