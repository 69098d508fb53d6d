import { encodeBase64Url } from '../lib/base64url';
import { encryptPayload, MAX_PLAINTEXT_BYTES, PayloadTooLargeError } from './encrypt';
import type { VapidSigner } from './vapid';

/** A browser's PushSubscription as `toJSON()` gives it (W3C Push API), the only part the sender needs. */
export interface PushTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

/** RFC 8030 §5.3 urgency levels. */
export type Urgency = 'very-low' | 'low' | 'normal' | 'high';

/** What {@link buildPushRequest} needs for one message. */
export interface PushRequestInput {
	subscription: PushTarget;
	/** An object is sent as UTF-8 JSON; bytes are sent as they are. */
	payload: object | Uint8Array;
	/** RFC 8030 §5.4: ≤ 32 base64url characters; see {@link topicForCase}. */
	topic: string;
	/** RFC 8030 §5.2: how long the push service keeps an undelivered message. */
	ttlSeconds: number;
	/** Defaults to `high`: a missing child is the case RFC 8030 §5.3 reserves it for. */
	urgency?: Urgency;
}

/** A ready-to-send POST: `fetch(url, init)`. */
export interface PushRequest {
	url: string;
	init: { method: 'POST'; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> };
}

/** A request that RFC 8030 forbids (bad Topic, TTL or endpoint); nothing was sent. */
export class InvalidPushRequestError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidPushRequestError';
	}
}

const encoder = new TextEncoder();
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const URGENCIES: ReadonlySet<string> = new Set(['very-low', 'low', 'normal', 'high']);

/**
 * The RFC 8030 §5.4 Topic for a case: the first 32 base64url characters (192 bits) of SHA-256 over
 * `reunion-case:<caseId>`. Always hashed, even for short ids, so every topic has one shape, case ids of any
 * form fit, and the push service learns nothing from it; the same case always gets the same topic, so a
 * retried duplicate replaces the undelivered copy instead of arriving twice.
 */
export async function topicForCase(caseId: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`reunion-case:${caseId}`));
	return encodeBase64Url(digest).slice(0, 32);
}

function validate(input: PushRequestInput): void {
	let url: URL;
	try {
		url = new URL(input.subscription.endpoint);
	} catch {
		throw new InvalidPushRequestError('endpoint is not a URL');
	}
	// The allow-list of push-service hosts lives with the subscription API; here only the scheme is checked.
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw new InvalidPushRequestError('endpoint is not http(s)');
	if (!TOPIC.test(input.topic))
		throw new InvalidPushRequestError('Topic must be 1–32 base64url characters (RFC 8030 §5.4)');
	if (!Number.isFinite(input.ttlSeconds) || input.ttlSeconds < 0)
		throw new InvalidPushRequestError('TTL must be a non-negative number of seconds (RFC 8030 §5.2)');
	if (input.urgency !== undefined && !URGENCIES.has(input.urgency))
		throw new InvalidPushRequestError('Urgency must be very-low, low, normal or high (RFC 8030 §5.3)');
}

/**
 * Encrypts (RFC 8291), signs (RFC 8292, cached JWT) and builds the POST for one subscription (RFC 8030 §5).
 * @throws {InvalidPushRequestError} for a bad Topic, TTL, Urgency or endpoint.
 * @throws {PayloadTooLargeError} above 3993 bytes of plaintext (RFC 8291 §4).
 * @throws {InvalidSubscriptionKeyError} for a malformed `p256dh` or `auth`.
 */
export async function buildPushRequest(input: PushRequestInput, signer: VapidSigner): Promise<PushRequest> {
	validate(input);
	const plaintext =
		input.payload instanceof Uint8Array ? input.payload : encoder.encode(JSON.stringify(input.payload));
	// Checked before any crypto, so an oversized message costs nothing.
	if (plaintext.length > MAX_PLAINTEXT_BYTES) throw new PayloadTooLargeError(plaintext.length);
	const [body, authorization] = await Promise.all([
		encryptPayload(plaintext, input.subscription.keys),
		signer.authorization(input.subscription.endpoint)
	]);
	const headers = {
		Authorization: authorization,
		'Content-Encoding': 'aes128gcm',
		'Content-Type': 'application/octet-stream',
		TTL: String(Math.floor(input.ttlSeconds)),
		Urgency: input.urgency ?? 'high',
		Topic: input.topic
	};
	return { url: input.subscription.endpoint, init: { method: 'POST', headers, body } };
}
