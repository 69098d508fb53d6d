import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { distanceToCellKm, encodeGeohash } from '../../../src/lib/geo';
import { countAudience } from '../../../functions/fanout/audience';
import { startFanout } from '../../../functions/fanout/plan';
import { createShardMap } from '../../../functions/db/shards';
import { subscriptionIdFor } from '../../../functions/db/subscriptions';
import type { PeerSubscriber } from '../../support/push-peer';
import { insertCase } from '../helpers/cases';
import { peer, storeDevicesSharded } from '../helpers/peer';
import { login, policeFetch } from '../helpers/police';
import { HandQueues } from '../helpers/queues';
import { callWith, jsonRequest } from '../helpers/requests';

// Issue 23 point 2: "wt" (Shanghai) moves from DB_SHARD_1 to DB_SHARD_2 while subscriptions arrive (creates,
// region changes, deletes, 410 removals by the fan-out) and an alert's fan-out runs across the switch.

const dbs = env as unknown as Record<'DB' | 'DB_SHARD_1' | 'DB_SHARD_2', D1Database>;
const CENTRE = { lat: 31.2304, lon: 121.4737 };
const RADIUS_KM = 100;
const WUHAN = 'ws10k';
const SEND_QUEUES = ['reunion-send', 'reunion-send-1', 'reunion-send-2', 'reunion-send-3'];
const STEP = { settleSeconds: 0, pageRows: 10, pages: 1 };

interface Device extends PeerSubscriber {
	regions: string[];
}

let cookie = '';
let address = 0;

async function subscribe(device: Device): Promise<number> {
	// Local mode lets the test peer's endpoints through; a fresh address each, past the per-address limit.
	const request = jsonRequest(
		'POST',
		'/api/subscriptions',
		{ subscription: { endpoint: device.endpoint, keys: device.keys }, regions: device.regions },
		`203.0.113.${++address % 250}`
	);
	return (await callWith({ REUNION_LOCAL: '1' }, request)).status;
}

async function unsubscribe(device: Device): Promise<number> {
	const body = { endpoint: device.endpoint, auth: device.keys.auth };
	return (await callWith({ REUNION_LOCAL: '1' }, jsonRequest('DELETE', '/api/subscriptions', body))).status;
}

const admin = (method: string, path: string, body?: unknown) =>
	policeFetch(cookie, method, `/api/police/shard-moves${path}`, body);

async function step(options = STEP) {
	const response = await admin('POST', '/step', options);
	expect(response.status).toBe(200);
	return (await response.json()) as { did: string; state?: string; for?: string };
}

/** Steps until the move enters `state` (bounded, so a move that never gets there fails). */
async function stepUntil(state: string, options = { ...STEP, pages: 5 }) {
	for (let i = 0; i < 50; i++) {
		const result = await step(options);
		if (result.did === 'entered' && result.state === state) return;
		expect(result.did).not.toBe('idle');
	}
	throw new Error(`the move never entered ${state}`);
}

async function expectRouting(read: string, write: string[]) {
	const routing = await createShardMap(env).routing();
	expect(routing.readShard('wtw3s')).toBe(read);
	expect(routing.writeShards('wtw3s')).toEqual(write);
	expect(routing.readShard(WUHAN)).toBe('DB_SHARD_2');
	expect(routing.readShard('wx4g0')).toBe('DB');
}

async function rows(db: D1Database, where = '1 = 1', ...params: string[]) {
	const { results } = await db
		.prepare(`SELECT geohash, subscription_id, regions FROM subscription_regions WHERE ${where}`)
		.bind(...params)
		.all<{ geohash: string; subscription_id: string; regions: string }>();
	return results;
}

const idOf = (device: Device) => subscriptionIdFor(device.endpoint);

/** Delivers what the SEND queues hold, leaving the fan-out's own messages where they are. */
async function deliverSends(queues: HandQueues) {
	for (let i = 0; i < 20 && queues.held.some((m) => SEND_QUEUES.includes(m.queue)); i++)
		for (const name of SEND_QUEUES) await queues.deliver(name);
}

async function receivedIds(from = 0): Promise<string[]> {
	return (await peer.received()).received.slice(from).map((r) => r.id);
}

beforeAll(async () => {
	cookie = await login('demo-admin');
});

describe('moving "wt" from DB_SHARD_1 to DB_SHARD_2 online', () => {
	it("is the national admin's alone, and refuses what cannot be moved", async () => {
		await env.DB.exec('DELETE FROM shard_moves');
		const officer = await login('demo-officer');
		const asOfficer = await policeFetch(officer, 'POST', '/api/police/shard-moves', {
			prefix: 'wt',
			to: 'DB'
		});
		expect(asOfficer.status).toBe(403);
		const refused = async (body: unknown) => {
			const response = await admin('POST', '', body);
			return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
		};
		expect(await refused({ prefix: 'wa!', to: 'DB' })).toEqual([400, 'validation_failed']);
		expect(await refused({ prefix: 'wt', to: 'DB_SHARD_9' })).toEqual([400, 'validation_failed']);
		expect(await refused({ prefix: 'wt', to: 'DB_SHARD_1' })).toEqual([409, 'conflict']);
		// "w" holds "wt" and "ws", each with a shard of its own: the copy and the delete would sweep them along.
		expect(await refused({ prefix: 'w', to: 'DB_SHARD_1' })).toEqual([409, 'conflict']);
		expect((await (await admin('GET', '')).json()) as unknown).toEqual({ active: null, recent: [] });
	});

	it('alerts every device once and keeps every subscription once through copy, dual, switch and delete', async () => {
		await peer.reset();
		for (const db of [dbs.DB, dbs.DB_SHARD_1, dbs.DB_SHARD_2])
			await db.exec('DELETE FROM subscription_regions');
		await env.DB.exec('DELETE FROM shard_moves');

		// Devices on a grid of cells round Shanghai, every one inside the circle; every fourth also has a region in
		// Wuhan, which DB_SHARD_2 already holds (after the move both its rows are there).
		const cells: string[] = [];
		for (let dLat = -0.6; dLat <= 0.6; dLat += 0.2)
			for (let dLon = -0.6; dLon <= 0.6; dLon += 0.2)
				cells.push(encodeGeohash(CENTRE.lat + dLat, CENTRE.lon + dLon, 5));
		expect(cells.every((g) => g.startsWith('wt') && distanceToCellKm(CENTRE, g) <= RADIUS_KM)).toBe(true);
		const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
		const all = await peer.register([...ids('init', 49), ...ids('new', 14)]);
		const devices: Device[] = all.map((d, i) => ({
			...d,
			regions: i % 4 === 0 ? [cells[i % cells.length]!, WUHAN] : [cells[i % cells.length]!]
		}));
		const initial = devices.slice(0, 49);
		const fresh = devices.slice(49);
		// Stored as the API would (the id derived from the endpoint), so the burst below can change and delete them.
		await storeDevicesSharded(
			await Promise.all(initial.map(async (d) => ({ ...d, id: await idOf(d) }))),
			(g) => (g.startsWith('wt') ? dbs.DB_SHARD_1 : dbs.DB_SHARD_2)
		);
		const gone = [initial[5]!, initial[17]!, initial[30]!];
		await peer.faults(Object.fromEntries(gone.map((d) => [d.id, [{ status: 410 as const }]])));

		// Start: the same request twice is one move.
		const started = await admin('POST', '', { prefix: 'wt', to: 'DB_SHARD_2' });
		expect(started.status).toBe(201);
		expect((await admin('POST', '', { prefix: 'wt', to: 'DB_SHARD_2' })).status).toBe(200);
		expect((await admin('POST', '', { prefix: 'ws', to: 'DB' })).status).toBe(409);
		await expectRouting('DB_SHARD_1', ['DB_SHARD_1', 'DB_SHARD_2']);

		// Copy, part way, two movers at once (a retried step): the cursor moves once.
		const [a, b] = await Promise.all([step(), step()]);
		expect([a.did, b.did].sort()).toContain('progress');
		const { active } = (await (await admin('GET', '')).json()) as {
			active: { state: string; cursor: { geohash: string }; copied: number };
		};
		expect(active.state).toBe('copy');
		expect(active.cursor.geohash).not.toBe('');

		// Burst during the copy: new devices, region changes inside the circle, deletes.
		const live = new Map<string, Device>(initial.map((d) => [d.id, d]));
		const changedBeforePlan = new Set<string>();
		for (const device of fresh.slice(0, 5)) {
			expect(await subscribe(device)).toBe(201);
			live.set(device.id, device);
			changedBeforePlan.add(device.id);
		}
		// Written to both databases, the source first.
		const firstNew = await idOf(fresh[0]!);
		expect(await rows(dbs.DB_SHARD_1, 'subscription_id = ?', firstNew)).toHaveLength(1);
		expect(await rows(dbs.DB_SHARD_2, 'subscription_id = ?', firstNew)).toHaveLength(1);
		for (const device of [initial[1]!, initial[2]!, initial[8]!]) {
			device.regions = [cells[(cells.indexOf(device.regions[0]!) + 7) % cells.length]!];
			expect(await subscribe(device)).toBe(200);
		}
		const deletedBeforePlan = [initial[3]!, initial[9]!, initial[40]!];
		for (const device of deletedBeforePlan) {
			expect(await unsubscribe(device)).toBe(204);
			live.delete(device.id);
		}
		await step();
		// The police audience estimate counts each device once, though part of "wt" is in both databases now.
		expect(await countAudience(env, CENTRE, RADIUS_KM)).toBe(live.size);

		// The alert is planned in the middle of the copy: its walks read "wt" from DB_SHARD_1.
		const queues = new HandQueues();
		const row = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
		const jobs = await startFanout(queues.env, row, { kind: 'alert' });
		expect(jobs.some((id) => id.includes(':DB_SHARD_1'))).toBe(true);
		const walks = queues.held.filter((m) => m.queue === 'reunion-fanout');
		expect(walks.length).toBeGreaterThan(1);
		// Half the walks run now; the rest only after the switch.
		const later = walks.slice(Math.ceil(walks.length / 2));
		queues.held = queues.held.filter((m) => !later.includes(m));
		await queues.deliver('reunion-fanout');
		await deliverSends(queues);
		queues.held.push(...later);

		// The copy finishes; a burst during the verify pass: new devices, one moving to Wuhan (out of the circle),
		// deletes.
		await stepUntil('dual', { ...STEP, pages: 3 });
		await expectRouting('DB_SHARD_1', ['DB_SHARD_1', 'DB_SHARD_2']);
		const changedDuringFanout = new Set<string>();
		for (const device of fresh.slice(5, 8)) {
			expect(await subscribe(device)).toBe(201);
			live.set(device.id, device);
			changedDuringFanout.add(device.id);
		}
		const toWuhan = initial[12]!;
		toWuhan.regions = [WUHAN];
		expect(await subscribe(toWuhan)).toBe(200);
		changedDuringFanout.add(toWuhan.id);
		for (const device of [initial[14]!, initial[22]!]) {
			expect(await unsubscribe(device)).toBe(204);
			live.delete(device.id);
			changedDuringFanout.add(device.id);
		}

		await stepUntil('switched');
		await expectRouting('DB_SHARD_2', ['DB_SHARD_1', 'DB_SHARD_2']);
		// The alert announced again (at least once) now that reads are switched: its walks would split otherwise,
		// but it was planned, so nothing new starts.
		const held = queues.held.length;
		expect(await startFanout(queues.env, row, { kind: 'alert' })).toEqual([]);
		expect(queues.held.length).toBe(held);
		for (const device of fresh.slice(8, 11)) {
			expect(await subscribe(device)).toBe(201);
			live.set(device.id, device);
			changedDuringFanout.add(device.id);
		}
		for (const device of [initial[25]!]) {
			expect(await unsubscribe(device)).toBe(204);
			live.delete(device.id);
			changedDuringFanout.add(device.id);
		}
		// Walks planned before the switch still read DB_SHARD_1: nothing is deleted under them.
		expect(await step()).toMatchObject({ did: 'waiting', for: 'fanout' });
		await queues.drain();

		await stepUntil('delete', STEP);
		await expectRouting('DB_SHARD_2', ['DB_SHARD_2']);
		for (const device of fresh.slice(11, 14)) {
			expect(await subscribe(device)).toBe(201);
			live.set(device.id, device);
		}
		expect(await unsubscribe(initial[33]!)).toBe(204);
		live.delete(initial[33]!.id);
		await stepUntil('done', STEP);
		await expectRouting('DB_SHARD_2', ['DB_SHARD_2']);
		expect(await step()).toEqual({ did: 'idle' });
		for (const device of gone) live.delete(device.id);

		// The alert: nobody twice; everybody subscribed before it was planned and not changed since, once.
		const first = await receivedIds();
		expect(new Set(first).size).toBe(first.length);
		const mustHave = initial
			.filter((d) => live.has(d.id) && !changedDuringFanout.has(d.id) && !gone.includes(d))
			.map((d) => d.id);
		for (const id of [...mustHave, ...changedBeforePlan]) expect(first, id).toContain(id);
		for (const device of deletedBeforePlan) expect(first).not.toContain(device.id);

		// Every subscription once, in the shard its regions route to now; nothing of "wt" left in DB_SHARD_1.
		expect(await rows(dbs.DB_SHARD_1, "geohash BETWEEN 'wt000' AND 'wtzzz'")).toEqual([]);
		expect(await rows(dbs.DB)).toEqual([]);
		const stored = await rows(dbs.DB_SHARD_2);
		const expected = await Promise.all(
			[...live.values()].flatMap((d) =>
				d.regions.map(async (g) => ({
					geohash: g,
					subscription_id: await idOf(d),
					regions: d.regions.join(',')
				}))
			)
		);
		const key = (r: { geohash: string; subscription_id: string }) => `${r.geohash}/${r.subscription_id}`;
		expect(stored.map(key).sort()).toEqual(expected.map(key).sort());
		expect(stored.sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
			expected.sort((x, y) => key(x).localeCompare(key(y)))
		);

		// A second alert after the move reaches exactly the devices now inside the circle, from DB_SHARD_2.
		const second = await insertCase({ ...CENTRE, radius_km: RADIUS_KM });
		await startFanout(queues.env, second, { kind: 'alert' });
		await queues.drain();
		const inside = [...live.values()]
			.filter((d) => d.regions.some((g) => g.startsWith('wt')))
			.map((d) => d.id);
		expect((await receivedIds(first.length)).sort()).toEqual(inside.sort());

		// Audited: the start and every change of state.
		const { results: audit } = await env.DB.prepare(
			`SELECT detail FROM audit_log WHERE action = 'shard_move' ORDER BY id`
		).all<{ detail: string }>();
		expect(audit.map((r) => (JSON.parse(r.detail) as { state: string }).state)).toEqual([
			'copy',
			'dual',
			'switched',
			'delete',
			'done'
		]);
	}, 60_000);
});
