import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { createShardMap } from '../../../functions/db/shards';
import { subscriptionIdFor } from '../../../functions/db/subscriptions';
import type { Env } from '../../../functions/env';
import { rollbackMove, startMove, stepMove, type Recorder } from '../../../functions/shards/move';
import { startFanout } from '../../../functions/fanout/plan';
import { insertCase } from '../helpers/cases';
import { HandQueues } from '../helpers/queues';
import { call, fakeSubscription, jsonRequest } from '../helpers/requests';

// The windows of a move (functions/shards/move.ts) that a burst of requests only hits by luck, opened on purpose:
// a write landing between the copy reading a page and writing it, a write that read the routing before the move
// began, a mover dying mid-copy, and the rollbacks.

const dbs = env as unknown as Record<'DB_SHARD_1' | 'DB_SHARD_2', D1Database>;
const record: Recorder = async (move, state) => ({
	userId: null,
	username: 'move-races',
	action: 'shard_move',
	detail: { ...move, state }
});
const FAST = { settleMs: 0, pageRows: 4, pages: 1 };
let address = 0;

async function subscribe(subscription: ReturnType<typeof fakeSubscription>, regions: string[]) {
	const request = jsonRequest(
		'POST',
		'/api/subscriptions',
		{ subscription, regions },
		`198.51.100.${++address}`
	);
	expect((await call(request)).status).toBeLessThan(300);
}

async function unsubscribe(subscription: ReturnType<typeof fakeSubscription>) {
	const body = { endpoint: subscription.endpoint, auth: subscription.keys.auth };
	expect((await call(jsonRequest('DELETE', '/api/subscriptions', body))).status).toBe(204);
}

async function wtRows(db: D1Database) {
	const { results } = await db
		.prepare(
			`SELECT geohash, subscription_id, p256dh, regions FROM subscription_regions
			 WHERE geohash BETWEEN 'wt000' AND 'wtzzz' ORDER BY geohash, subscription_id`
		)
		.all<Record<string, string>>();
	return results;
}

/** `env` with DB_SHARD_2's next batch of copies preceded by `race` (a request arriving at that instant). */
function raceBeforeCopy(race: () => Promise<void>): Env {
	let armed = true;
	const target = dbs.DB_SHARD_2;
	const wrapped = new Proxy(target, {
		get(object, name) {
			if (name !== 'batch') return Reflect.get(object, name, object) as unknown;
			return async (statements: D1PreparedStatement[]) => {
				if (armed) {
					armed = false;
					await race();
				}
				return object.batch(statements);
			};
		}
	});
	return { ...env, DB_SHARD_2: wrapped } as Env;
}

async function stepUntil(state: string, on: Env = env) {
	for (let i = 0; i < 40; i++) {
		const result = await stepMove(on, { ...FAST, pages: 10 }, record);
		if (result.did === 'entered' && result.state === state) return;
	}
	throw new Error(`never entered ${state}`);
}

beforeEach(async () => {
	for (const db of [env.DB, dbs.DB_SHARD_1, dbs.DB_SHARD_2])
		await db.exec('DELETE FROM subscription_regions');
	await env.DB.exec('DELETE FROM shard_moves');
});

describe('a shard move under racing writes', () => {
	it('does not bring back a device deleted, or a region dropped, between the copy reading and writing it', async () => {
		const deleted = fakeSubscription();
		const moved = fakeSubscription();
		const rewritten = fakeSubscription();
		await subscribe(deleted, ['wtw3s']);
		await subscribe(moved, ['wtw3t']);
		await subscribe(rewritten, ['wtw3u']);
		await startMove(env, 'wt', 'DB_SHARD_2', record, new Date());
		const newKeys = {
			...rewritten,
			keys: { ...rewritten.keys, p256dh: rewritten.keys.p256dh.replace('B', 'A') }
		};
		const racing = raceBeforeCopy(async () => {
			await unsubscribe(deleted);
			await subscribe(moved, ['wtw3v']);
			await subscribe(newKeys, ['wtw3u']);
		});
		// One page holds all three: the copy read them before the requests and writes them after.
		expect(await stepMove(racing, { ...FAST, pageRows: 10 }, record)).toMatchObject({ did: 'entered' });
		const expected = await wtRows(dbs.DB_SHARD_1);
		expect(expected.map((r) => r.geohash)).toEqual(['wtw3u', 'wtw3v']);
		expect(expected[0]!.p256dh).toBe(newKeys.keys.p256dh);
		expect(await wtRows(dbs.DB_SHARD_2)).toEqual(expected);
		const { results } = await env.DB.prepare('SELECT mended FROM shard_moves').all<{ mended: number }>();
		expect(results[0]!.mended).toBe(2); // the deleted device's row and the dropped region's
	});

	it('mends in the verify pass what a request that read the routing before the move wrote to the source alone', async () => {
		const subs = Array.from({ length: 10 }, () => fakeSubscription());
		for (const [i, s] of subs.entries()) await subscribe(s, [`wtw${'0123456789'[i]}0`]);
		await startMove(env, 'wt', 'DB_SHARD_2', record, new Date());
		await stepUntil('dual');
		// Behind the copy's cursor, as a request holding the old routing writes: the source only.
		const stale = await subscriptionIdFor(subs[0]!.endpoint);
		await dbs.DB_SHARD_1.prepare(
			`UPDATE subscription_regions SET p256dh = 'changed' WHERE subscription_id = ?`
		)
			.bind(stale)
			.run();
		await dbs.DB_SHARD_1.prepare(`DELETE FROM subscription_regions WHERE subscription_id = ?`)
			.bind(await subscriptionIdFor(subs[1]!.endpoint))
			.run();
		await dbs.DB_SHARD_1.prepare(
			`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at, updated_at)
			 VALUES ('wtw00', 'late-one', 'https://fcm.googleapis.com/fcm/send/late', 'k', 'a', 'zh-CN', 'wtw00', '', '')`
		).run();
		expect(await wtRows(dbs.DB_SHARD_2)).not.toEqual(await wtRows(dbs.DB_SHARD_1));
		await stepUntil('switched');
		expect(await wtRows(dbs.DB_SHARD_2)).toEqual(await wtRows(dbs.DB_SHARD_1));
	});

	it('resumes a copy from its cursor after the mover died mid-page, copying every row once', async () => {
		for (let i = 0; i < 11; i++) await subscribe(fakeSubscription(), [`wtw${'0123456789b'[i]}0`]);
		await startMove(env, 'wt', 'DB_SHARD_2', record, new Date());
		expect(await stepMove(env, FAST, record)).toMatchObject({ did: 'progress' });
		const dying = raceBeforeCopy(async () => {
			throw new Error('the mover died');
		});
		await expect(stepMove(dying, FAST, record)).rejects.toThrow('the mover died');
		const { results } = await env.DB.prepare('SELECT cursor_geohash, copied FROM shard_moves').all<{
			cursor_geohash: string;
			copied: number;
		}>();
		expect(results[0]).toEqual({ cursor_geohash: 'wtw30', copied: 4 });
		await stepUntil('dual');
		const after = await env.DB.prepare('SELECT copied FROM shard_moves').first<{ copied: number }>();
		expect(after?.copied).toBe(11);
		expect(await wtRows(dbs.DB_SHARD_2)).toEqual(await wtRows(dbs.DB_SHARD_1));
	});

	it('rolls back: before the switch the target is cleaned, after it reads go back, once deleting never', async () => {
		for (let i = 0; i < 6; i++) await subscribe(fakeSubscription(), [`wtw${i}0`]);
		const source = await wtRows(dbs.DB_SHARD_1);
		await startMove(env, 'wt', 'DB_SHARD_2', record, new Date());
		await stepMove(env, FAST, record);
		expect(await wtRows(dbs.DB_SHARD_2)).not.toEqual([]);
		expect(await rollbackMove(env, record, new Date())).toMatchObject({ state: 'rollback' });
		expect((await createShardMap(env).routing()).writeShards('wtw00')).toEqual(['DB_SHARD_1']);
		await stepUntil('cancelled');
		expect(await wtRows(dbs.DB_SHARD_2)).toEqual([]);
		expect(await wtRows(dbs.DB_SHARD_1)).toEqual(source);
		expect((await createShardMap(env).routing()).active).toBeNull();

		await startMove(env, 'wt', 'DB_SHARD_2', record, new Date());
		await stepUntil('switched');
		expect((await createShardMap(env).routing()).readShard('wtw00')).toBe('DB_SHARD_2');
		// An alert planned now walks the target; rolled back to dual and then all the way, the target is cleaned
		// only once that walk is done.
		const queues = new HandQueues();
		const row = await insertCase({ lat: 31.2304, lon: 121.4737, radius_km: 50 });
		const jobs = await startFanout(queues.env, row, { kind: 'alert' });
		expect(jobs.some((id) => id.includes(':DB_SHARD_2'))).toBe(true);
		expect(await rollbackMove(env, record, new Date())).toMatchObject({ state: 'dual' });
		expect((await createShardMap(env).routing()).readShard('wtw00')).toBe('DB_SHARD_1');
		expect(await rollbackMove(env, record, new Date())).toMatchObject({ state: 'rollback' });
		expect(await stepMove(env, FAST, record)).toMatchObject({ did: 'waiting', for: 'fanout' });
		// The walk runs to its end; its sends (to these fake endpoints) are dropped.
		while (queues.count('reunion-fanout')) await queues.deliver('reunion-fanout');
		queues.held = [];
		await stepUntil('cancelled');
		expect(await wtRows(dbs.DB_SHARD_2)).toEqual([]);

		await startMove(env, 'wt', 'DB_SHARD_2', record, new Date());
		await stepUntil('switched');
		expect(await rollbackMove(env, record, new Date())).toMatchObject({ state: 'dual' });
		expect((await createShardMap(env).routing()).readShard('wtw00')).toBe('DB_SHARD_1');
		await stepUntil('switched');
		await stepUntil('delete');
		await expect(rollbackMove(env, record, new Date())).rejects.toThrow(/cannot go back/);
		await stepUntil('done');
		expect(await wtRows(dbs.DB_SHARD_1)).toEqual([]);
		expect(await wtRows(dbs.DB_SHARD_2)).toEqual(source);
	});
});
