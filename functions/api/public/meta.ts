import { Hono } from 'hono';
import { DEFAULT_RADIUS_KM, type PublicConfig } from '../../../src/lib/schemas';
import type { Env } from '../../env';
import { publicJson } from '../../public-http/cache';
import { ApiError } from '../http/errors';

export const meta = new Hono<{ Bindings: Env }>()
	.get('/health', (c) => publicJson(c, { ok: true }, 'no-store'))
	.get('/config', (c) => {
		if (!c.env.VAPID_PUBLIC_KEY) {
			// A deployment without keys cannot send alerts; say so rather than hand out an unusable config.
			throw new ApiError('not_found', 'Push is not configured on this server (VAPID_PUBLIC_KEY is missing).');
		}
		const config: PublicConfig = {
			vapidPublicKey: c.env.VAPID_PUBLIC_KEY,
			defaultRadiusKm: Number(c.env.DEFAULT_RADIUS_KM ?? DEFAULT_RADIUS_KM)
		};
		// Revalidated on every use (the keys may be rotated), cheaply with its ETag.
		return publicJson(c, config, 'no-cache');
	});
