import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../worker-entry';
import type { Env } from '../../../functions/env';

/** A JSON request to the Worker; `address` stands in for Cloudflare's CF-Connecting-IP. */
export function jsonRequest(method: string, path: string, body: unknown, address = '198.51.100.7'): Request {
	return new Request(`https://reunion.test${path}`, {
		method,
		headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': address },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

export function call(request: Request): Promise<Response> {
	return SELF.fetch(request);
}

/** Calls the Worker with some bindings changed (e.g. local mode on), which SELF cannot do. */
export async function callWith(overrides: Partial<Env>, request: Request): Promise<Response> {
	const ctx = createExecutionContext();
	const response = await worker.fetch!(
		request as Parameters<NonNullable<typeof worker.fetch>>[0],
		{ ...env, ...overrides },
		ctx
	);
	await waitOnExecutionContext(ctx);
	return response;
}

export async function errorOf(
	response: Response
): Promise<{ code: string; message: string; field?: string }> {
	const body = (await response.json()) as { error: { code: string; message: string; field?: string } };
	return body.error;
}

let counter = 0;
/** A syntactically valid subscription on an allow-listed push service, unique per call. */
export function fakeSubscription(host = 'fcm.googleapis.com') {
	counter += 1;
	return {
		endpoint: `https://${host}/fcm/send/test-${Date.now()}-${counter}`,
		keys: {
			p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
			auth: 'tBHItJI5svbpez7KI4CCXg'
		}
	};
}

export async function regionRows(endpoint: string) {
	const { results } = await env.DB.prepare(
		'SELECT * FROM subscription_regions WHERE endpoint = ? ORDER BY geohash'
	)
		.bind(endpoint)
		.all<Record<string, unknown>>();
	return results;
}
