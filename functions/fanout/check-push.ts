import { translate } from '../../src/lib/i18n/all';
import type { CheckPushMessage } from '../../src/lib/schemas/subscription-check';
import type { StoredSubscription } from '../db/subscriptions';
import type { Env } from '../env';
import { buildPushRequest, sendPush, topicForCase, type PushOutcome } from '../push';
import { pushTimeoutMs } from './lease';
import { getVapidSigner } from './vapid-signer';

/** A check that has not arrived within this time never will in a way that helps; the push service may drop it. */
export const CHECK_TTL_SECONDS = 120;

/**
 * The delivery check's test push, through the same request builder, signer, deadline and answer classification
 * as every alert: a check that passes says the alert path works, not some other path.
 */
export async function sendCheckPush(
	env: Env,
	subscription: StoredSubscription,
	checkId: string
): Promise<PushOutcome> {
	const message: CheckPushMessage = {
		kind: 'check',
		checkId,
		title: translate(subscription.lang, 'check.pushTitle'),
		body: translate(subscription.lang, 'check.pushBody')
	};
	try {
		const request = await buildPushRequest(
			{
				subscription: {
					endpoint: subscription.endpoint,
					keys: { p256dh: subscription.p256dh, auth: subscription.auth }
				},
				payload: message,
				topic: await topicForCase(`check-${subscription.id}`),
				ttlSeconds: CHECK_TTL_SECONDS,
				urgency: 'high'
			},
			await getVapidSigner(env)
		);
		return await sendPush(request, { timeoutMs: pushTimeoutMs(env) });
	} catch (error) {
		return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
	}
}

/** Which push service an endpoint belongs to, in words a page can show (FCM matters: it is blocked in China). */
export function pushServiceOf(endpoint: string): 'fcm' | 'mozilla' | 'apple' | 'windows' | 'other' {
	const host = new URL(endpoint).hostname;
	if (host.endsWith('googleapis.com')) return 'fcm';
	if (host.endsWith('push.services.mozilla.com')) return 'mozilla';
	if (host.endsWith('push.apple.com')) return 'apple';
	if (host.endsWith('notify.windows.com')) return 'windows';
	return 'other';
}
