import { env } from 'cloudflare:test';
import { inject } from 'vitest';
import type { Partner } from '../../../src/lib/schemas';
import type { ReceivedWebhook, WebhookFault } from '../../support/webhook-receiver';
import { login, ORIGIN, policeFetch } from './police';
import { callWith } from './requests';

/** A police request with local mode switched on or off for this one call (SELF always runs wrangler.toml's "0"). */
export function adminFetch(
	cookie: string,
	method: string,
	path: string,
	body?: unknown,
	local = false
): Promise<Response> {
	if (!local) return policeFetch(cookie, method, path, body);
	return callWith(
		{ REUNION_LOCAL: '1' },
		new Request(`${ORIGIN}${path}`, {
			method,
			headers: {
				Origin: ORIGIN,
				Cookie: cookie,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		})
	);
}

export const SHANGHAI = { lat: 31.2304, lon: 121.4737 };

/** A partner serving 50 km around Shanghai that wants every event, unless told otherwise. */
export function partnerInput(overrides: Record<string, unknown> = {}) {
	return {
		name: 'Shanghai news app',
		url: 'https://partner.example.com/hooks/reunion',
		area: { circles: [{ ...SHANGHAI, radiusKm: 50 }] },
		events: ['case.alert', 'case.update', 'case.radius', 'case.resolved', 'case.cancelled', 'case.withdrawn'],
		...overrides
	};
}

/** Registers a partner through the admin API; returns it with the secret shown once. */
export async function createPartner(
	overrides: Record<string, unknown> = {},
	local = false
): Promise<{ partner: Partner; secret: string }> {
	const admin = await login('demo-admin');
	const response = await adminFetch(admin, 'POST', '/api/police/partners', partnerInput(overrides), local);
	if (response.status !== 201) throw new Error(`create partner: ${response.status} ${await response.text()}`);
	return (await response.json()) as { partner: Partner; secret: string };
}

/** Starts each test with no partners, events or delivery log. */
export async function clearPartners(): Promise<void> {
	await env.DB.batch([
		env.DB.prepare('DELETE FROM partners'),
		env.DB.prepare('DELETE FROM webhook_events'),
		env.DB.prepare('DELETE FROM webhook_deliveries')
	]);
}

/** The test webhook receiver (tests/support/webhook-receiver.ts), seen from inside workerd. */
export const receiver = {
	origin: () => inject('webhookOrigin'),
	async call<T>(command: string, body?: unknown): Promise<T> {
		const response = await fetch(
			`${inject('webhookOrigin')}/_receiver/${command}`,
			body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }
		);
		return (await response.json()) as T;
	},
	reset: () => receiver.call('reset', {}),
	faults: (faults: Record<string, WebhookFault[]>) => receiver.call('faults', faults),
	received: () => receiver.call<ReceivedWebhook[]>('received')
};
