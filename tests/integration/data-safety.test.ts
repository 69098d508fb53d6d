import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../src/lib/geo';
import { DRAFT, login, policeFetch, submitAndApprove } from './helpers/police';
import { peer, waitForDeliveries } from './helpers/peer';
import { callWith, jsonRequest } from './helpers/requests';

// The server may know a subscriber's 5-character cells (≈ 4.9 km) and nothing finer, and never the address the
// subscription came from (README "What it is"). Checked on the schema of every table that holds a subscriber's
// rows, and on the data those tables hold after devices subscribed, checked delivery, and were alerted or held.

const ADDRESSES = ['203.0.113.77', '2001:db8:77:1::42'];
/** Columns whose name says they hold a position or an address. */
const FORBIDDEN_COLUMN =
	/(^|_)(lat|lon|lng|latitude|longitude|coord|coordinates|position|location|ip|addr|address)(_|$)/i;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
/** Push-service credentials and URLs: opaque, and an endpoint's host may itself be an address (the test peer's). */
const OPAQUE = new Set(['endpoint', 'p256dh', 'auth']);

interface Column {
	name: string;
	type: string;
}

async function columns(table: string): Promise<Column[]> {
	const { results } = await env.DB.prepare(`PRAGMA table_info("${table}")`).all<Column>();
	return results;
}

/** Every table with a subscriber's rows: keyed by subscription id, plus the send batches listing recipients. */
async function subscriberTables(): Promise<string[]> {
	const { results } = await env.DB.prepare(
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'`
	).all<{ name: string }>();
	const tables: string[] = [];
	for (const { name } of results) {
		const names = (await columns(name)).map((column) => column.name);
		if (names.includes('subscription_id') || names.includes('recipients')) tables.push(name);
	}
	return tables.sort();
}

/** Geohash strings inside a value: a JSON list, a comma list or recipients' `geohash` fields. */
function geohashesIn(column: string, value: string): string[] {
	if (column.includes('geohash')) return [value];
	if (column === 'regions') return value.match(/[0-9b-hjkmnp-z]+/g) ?? [];
	return [...value.matchAll(/"geohash"\s*:\s*"([^"]*)"/g)].map((match) => match[1]!);
}

beforeAll(async () => {
	await peer.reset();
	const [near, far] = await peer.register(['safety-near', 'safety-far']);
	const now = new Date();
	const hhmm = (date: Date) => date.toISOString().slice(11, 16);
	const subscribe = (device: typeof near, regions: string[], address: string, quiet?: unknown) =>
		callWith(
			{ REUNION_LOCAL: '1' },
			jsonRequest(
				'POST',
				'/api/subscriptions',
				{ subscription: { endpoint: device!.endpoint, keys: device!.keys }, regions, quietHours: quiet },
				address
			)
		);
	const shanghai = encodeGeohash(DRAFT.lat, DRAFT.lon, 5);
	expect((await subscribe(near, [shanghai, 'wx4g0'], ADDRESSES[0]!)).status).toBe(201);
	// 80 km north, in quiet hours now: the alert is held for it (held_alerts) rather than sent.
	const quiet = {
		start: hhmm(new Date(now.getTime() - 3600_000)),
		end: hhmm(new Date(now.getTime() + 3600_000))
	};
	const response = await subscribe(far, [encodeGeohash(DRAFT.lat + 0.72, DRAFT.lon, 5)], ADDRESSES[1]!, {
		...quiet,
		timeZone: 'UTC'
	});
	expect(response.status).toBe(201);
	const check = await callWith(
		{ REUNION_LOCAL: '1' },
		jsonRequest(
			'POST',
			'/api/subscriptions/check',
			{ endpoint: near!.endpoint, auth: near!.keys.auth },
			ADDRESSES[0]
		)
	);
	expect(check.status).toBe(202);

	const officer = await login('demo-officer');
	const approver = await login('demo-approver');
	const lastSeenAt = new Date(now.getTime() - 5 * 3600_000).toISOString();
	const created = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, lastSeenAt });
	const { id } = (await created.json()) as { id: string };
	await submitAndApprove(officer, approver, id, DRAFT.childName);
	await waitForDeliveries(id, 'alert', 1);
});

describe('subscriber tables: cells no finer than geohash-5, no client addresses', () => {
	it('finds the tables, each holding rows of this run', async () => {
		const tables = await subscriberTables();
		expect(tables).toEqual(
			expect.arrayContaining(['held_alerts', 'send_batches', 'subscription_checks', 'subscription_regions'])
		);
		for (const table of tables) {
			const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${table}"`).first<{ n: number }>();
			expect(row?.n, table).toBeGreaterThan(0);
		}
	});

	it('has no column for a position or an address, and no REAL column, in any of them', async () => {
		const found: string[] = [];
		for (const table of await subscriberTables())
			for (const column of await columns(table))
				if (FORBIDDEN_COLUMN.test(column.name) || /REAL|FLOA|DOUB/i.test(column.type))
					found.push(`${table}.${column.name} ${column.type}`);
		expect(found).toEqual([]);
	});

	it('holds no cell finer than 5 characters, no fractional number and no client address in any value', async () => {
		const found: string[] = [];
		for (const table of await subscriberTables()) {
			const { results } = await env.DB.prepare(`SELECT * FROM "${table}"`).all<Record<string, unknown>>();
			for (const row of results)
				for (const [column, value] of Object.entries(row)) {
					if (value === null || OPAQUE.has(column)) continue;
					const where = `${table}.${column} = ${String(value).slice(0, 80)}`;
					if (typeof value === 'number' && !Number.isInteger(value)) found.push(`fraction: ${where}`);
					if (typeof value !== 'string') continue;
					for (const address of ADDRESSES) if (value.includes(address)) found.push(`address: ${where}`);
					if (/\d+\.\d+/.test(value.replace(ISO_TIME, ''))) found.push(`fraction: ${where}`);
					for (const cell of geohashesIn(column, value))
						if (cell.length > 5) found.push(`cell of ${cell.length}: ${where}`);
				}
		}
		expect(found).toEqual([]);
	});
});
