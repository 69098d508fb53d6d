import { Webhook } from 'standardwebhooks';

/** The Standard Webhooks headers of one attempt. */
export interface WebhookHeaders {
	'webhook-id': string;
	'webhook-timestamp': string;
	'webhook-signature': string;
}

/**
 * A new signing secret: "whsec_" and 32 random bytes in base64 (the spec asks for 24–64 bytes). Shown to the
 * admin once; the partner verifies with it.
 */
export function newWebhookSecret(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Signs one attempt with every secret still in use: after a rotation the old one signs too, and the spec's
 * space-separated signature list lets a partner holding either secret verify. The timestamp is the attempt's,
 * since receivers refuse timestamps more than a few minutes off.
 */
export function signWebhook(secrets: string[], id: string, at: Date, body: string): WebhookHeaders {
	return {
		'webhook-id': id,
		'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
		'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' ')
	};
}
