import { encodeBase64Url } from './base64url';
import { encryptPayload } from './encrypt';
import type { VapidSigner } from './vapid';

export interface PushTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

export interface PushRequest {
	url: string;
	init: { method: 'POST'; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> };
}

const encoder = new TextEncoder();

/** RFC 8030 §5.4: a Topic is at most 32 base64url characters; the same topic replaces an undelivered message. */
export async function topicForCase(caseId: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`reunion-case:${caseId}`));
	return encodeBase64Url(digest).slice(0, 32);
}

/** Encrypts, signs and builds the POST for one subscription (RFC 8030 + 8291 + 8292). */
export async function buildPushRequest(
	input: {
		subscription: PushTarget;
		payload: object | Uint8Array;
		topic: string;
		ttlSeconds: number;
		urgency?: 'very-low' | 'low' | 'normal' | 'high';
	},
	signer: VapidSigner
): Promise<PushRequest> {
	if (!/^[A-Za-z0-9_-]{1,32}$/.test(input.topic))
		throw new Error('Topic must be 1–32 base64url characters (RFC 8030 §5.4)');
	const plaintext =
		input.payload instanceof Uint8Array ? input.payload : encoder.encode(JSON.stringify(input.payload));
	const [body, authorization] = await Promise.all([
		encryptPayload(plaintext, input.subscription.keys),
		signer.authorization(input.subscription.endpoint)
	]);
	return {
		url: input.subscription.endpoint,
		init: {
			method: 'POST',
			headers: {
				Authorization: authorization,
				'Content-Encoding': 'aes128gcm',
				'Content-Type': 'application/octet-stream',
				TTL: String(Math.max(0, Math.floor(input.ttlSeconds))),
				Urgency: input.urgency ?? 'high',
				Topic: input.topic
			},
			body
		}
	};
}
