import { Hono } from 'hono';
import { DEFAULT_RADIUS_KM, type PublicConfig } from '../../../src/lib/schemas';
import type { Env } from '../../env';
import { ApiError } from '../http/errors';

export const meta = new Hono<{ Bindings: Env }>()
	.get('/health', (c) => c.json({ ok: true }))
	.get('/config', (c) => {
		if (!c.env.VAPID_PUBLIC_KEY) {
			// A deployment without keys cannot send alerts; say so rather than hand out an unusable config.
			throw new ApiError('not_found', 'Push is not configured on this server (VAPID_PUBLIC_KEY is missing).');
		}
		const config: PublicConfig = {
			vapidPublicKey: c.env.VAPID_PUBLIC_KEY,
			defaultRadiusKm: Number(c.env.DEFAULT_RADIUS_KM ?? DEFAULT_RADIUS_KM)
		};
		return c.json(config);
	});
