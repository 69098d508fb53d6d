import { z } from 'zod';
import { langSchema, regionGeohashSchema } from './common';
import { quietHoursSchema } from './quiet-hours';

// RFC 8291: p256dh is an uncompressed P-256 point (65 bytes → 87 base64url chars), auth is 16 bytes (22 chars).
const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url');

/**
 * One spelling per push endpoint, before it is hashed into the subscription's id or compared: the WHATWG
 * serialisation lowercases the host, drops a default port and resolves dot segments (`/./`, `%2e`), and the
 * fragment goes (RFC 8030 never sends one). Otherwise `HTTPS://FCM.googleapis.com:443/./x#y` would register as a
 * second device with other keys. Text that is not a URL is returned as it came (its check says why).
 */
export function normalisePushEndpoint(endpoint: string): string {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return endpoint;
	}
	url.hash = '';
	return url.href;
}

export const pushSubscriptionSchema = z.object({
	endpoint: z
		.url({ protocol: /^https?$/, message: 'must be the push service URL' })
		.max(1024)
		.transform(normalisePushEndpoint),
	keys: z.object({
		p256dh: base64url.min(86).max(90),
		auth: base64url.min(21).max(26)
	})
});

export const MAX_REGIONS = 3;

/** A device's regions: 1–3 geohash-5 cells (home, work, school). */
export const regionsSchema = z
	.array(regionGeohashSchema)
	.min(1, 'choose at least one region')
	.max(MAX_REGIONS, `at most ${MAX_REGIONS} regions`);

export const subscribeSchema = z.object({
	subscription: pushSubscriptionSchema,
	regions: regionsSchema,
	lang: langSchema.default('zh-CN'),
	// API.md "Subscriptions": omitted keeps what is stored, null clears.
	quietHours: quietHoursSchema.nullable().optional()
});

/** POST /api/police/devices: a device already subscribed keeps its regions; a new one names them. */
export const officerDeviceSchema = z.object({
	subscription: pushSubscriptionSchema,
	regions: regionsSchema.optional()
});

export const unsubscribeSchema = z.object({
	endpoint: z.string().min(1).max(1024).transform(normalisePushEndpoint),
	auth: z.string().min(1).max(64)
});

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;
export type SubscribeInput = z.infer<typeof subscribeSchema>;
export type UnsubscribeInput = z.infer<typeof unsubscribeSchema>;
