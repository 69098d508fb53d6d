import { env } from 'cloudflare:test';
import { expect } from 'vitest';

/** Rows in a table now: compared before and after a refused request (no partial write). */
export async function countRows(table: string): Promise<number> {
	// Table names come from the tests' own lists, never from input.
	const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
	return row!.n;
}

/** Every table the API writes to, with its row count: a refused request leaves each as it was. */
export const WRITTEN_TABLES = [
	'cases',
	'case_events',
	'tips',
	'subscription_regions',
	'subscription_checks',
	'partners',
	'users',
	'audit_log',
	'webhook_events'
] as const;

export async function countAll(): Promise<Record<string, number>> {
	const counts = await Promise.all(WRITTEN_TABLES.map(async (t) => [t, await countRows(t)] as const));
	return Object.fromEntries(counts);
}

let serial = 0;
/** A client address no other request used, so rate limits of one test never decide another. */
export function nextAddress(): string {
	serial += 1;
	const r = crypto.getRandomValues(new Uint8Array(2));
	return `10.${r[0]}.${r[1]}.${serial % 250}`;
}

/** API.md's error shape: `{ error: { code, message, field? } }`, code in snake_case, a message a person reads. */
export async function expectErrorShape(response: Response, context = ''): Promise<void> {
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new Error(`${context}: ${response.status} is not JSON: ${text.slice(0, 200)}`);
	}
	expect(body, context).toMatchObject({
		error: { code: expect.stringMatching(/^[a-z]+(_[a-z]+)*$/), message: expect.any(String) }
	});
	const error = (body as { error: Record<string, unknown> }).error;
	expect(Object.keys(body as object), context).toEqual(['error']);
	expect((error.message as string).length, context).toBeGreaterThan(0);
	if ('field' in error) expect(typeof error.field, context).toBe('string');
}
