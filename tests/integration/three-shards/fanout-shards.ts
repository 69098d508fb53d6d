import { env } from 'cloudflare:test';
import { distanceToCellKm, encodeGeohash } from '../../../src/lib/geo';
import { peer } from '../helpers/peer';

// What the three-shard fan-out tests share (issue 23 point 1): devices on all three subscriber databases of the
// `three-shards` project (vitest.worker.config.ts), and a way to see what each database stores and is asked to write.

export const SHARD_NAMES = ['DB', 'DB_SHARD_1', 'DB_SHARD_2'] as const;
export type ShardName = (typeof SHARD_NAMES)[number];

const bindings = env as unknown as Record<ShardName, D1Database>;
export const DATABASES: Record<ShardName, D1Database> = {
	DB: env.DB,
	DB_SHARD_1: bindings.DB_SHARD_1,
	DB_SHARD_2: bindings.DB_SHARD_2
};

/**
 * Where geohash cells "wt" (shard 1: Shanghai … Changsha's north), "ws" (shard 2: south of 28.125° N) and the
 * case database's "wm" / "wk" (west of 112.5° E) meet, a few km north-east of Changsha: a 100 km circle here
 * takes every shard.
 */
export const CORNER = { lat: 28.125, lon: 112.5 };
export const CENTRE = { lat: 28.15, lon: 112.55 };
export const RADIUS_KM = 100;

/** The shard of a geohash under THREE_SHARDS (longest prefix wins; '' is the case database). */
export function shardOf(geohash: string): ShardName {
	if (geohash.startsWith('wt')) return 'DB_SHARD_1';
	if (geohash.startsWith('ws')) return 'DB_SHARD_2';
	return 'DB';
}

export interface Placed {
	ids: string[];
	/** Each device inside the circle, by the shard of its first region inside it (the one that sends to it). */
	shardOfDevice: Map<string, ShardName>;
	/** Devices outside the circle: never sent to. */
	far: string[];
}

/**
 * A fresh peer and subscriber tables: `perCell` devices in each of 9 cells per quadrant around CORNER (so each
 * shard holds 9 × perCell, and the case database two quadrants), every fifth one with a second region in the
 * next quadrant (another shard: it must get one message), and a few devices far outside the circle.
 */
export async function devicesOnEveryShard(prefix: string, perCell: number): Promise<Placed> {
	await peer.reset();
	for (const db of Object.values(DATABASES)) await db.exec('DELETE FROM subscription_regions');
	const quadrants = [
		[1, 1],
		[-1, 1],
		[-1, -1],
		[1, -1]
	] as const;
	const cellsOf = quadrants.map(([sLat, sLon]) =>
		[0.1, 0.3, 0.5].flatMap((dLat) =>
			[0.1, 0.3, 0.5].map((dLon) => encodeGeohash(CORNER.lat + sLat * dLat, CORNER.lon + sLon * dLon, 5))
		)
	);
	const plan: Array<{ id: string; regions: string[] }> = [];
	cellsOf.forEach((cells, q) =>
		cells.forEach((cell, c) => {
			for (let i = 0; i < perCell; i++) {
				const n = plan.length;
				const other = cellsOf[(q + 1) % 4]![c]!;
				plan.push({ id: `${prefix}-${n}`, regions: n % 5 === 0 ? [cell, other] : [cell] });
			}
		})
	);
	const far = [`${prefix}-far-1`, `${prefix}-far-2`];
	plan.push({ id: far[0]!, regions: [encodeGeohash(CORNER.lat + 3, CORNER.lon + 3, 5)] });
	plan.push({ id: far[1]!, regions: [encodeGeohash(CORNER.lat - 3, CORNER.lon - 3, 5)] });
	const registered = await peer.register(plan.map((p) => p.id));
	const inserts = new Map<ShardName, D1PreparedStatement[]>();
	registered.forEach((device, i) => {
		for (const g of plan[i]!.regions) {
			const db = DATABASES[shardOf(g)];
			const statement = db
				.prepare(
					`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, 'zh-CN', ?, '', '')`
				)
				.bind(
					g,
					device.id,
					device.endpoint,
					device.keys.p256dh,
					device.keys.auth,
					plan[i]!.regions.join(',')
				);
			inserts.set(shardOf(g), [...(inserts.get(shardOf(g)) ?? []), statement]);
		}
	});
	for (const [name, statements] of inserts) await DATABASES[name].batch(statements);
	const shardOfDevice = new Map<string, ShardName>();
	for (const p of plan) {
		const inside = p.regions.find((g) => distanceToCellKm(CENTRE, g) <= RADIUS_KM);
		if (inside) shardOfDevice.set(p.id, shardOf(inside));
	}
	return { ids: plan.map((p) => p.id), shardOfDevice, far };
}

/** The devices of `placed` that a shard sends to. */
export function devicesOf(placed: Placed, shard: ShardName): string[] {
	return [...placed.shardOfDevice].filter(([, s]) => s === shard).map(([id]) => id);
}

export interface BatchRow {
	id: string;
	jobId: string;
	recipients: string[];
	selected: number;
	delivered: number;
	gone: number;
	failed: number;
	dueBy: string | null;
	resent: number;
}

/** A case's send batches of one kind as one database holds them. */
export async function batchesIn(shard: ShardName, caseId: string, kind = 'alert'): Promise<BatchRow[]> {
	const { results } = await DATABASES[shard]
		.prepare(
			`SELECT id, job_id AS jobId, recipients, selected, delivered, gone, failed, due_by AS dueBy, resent
			FROM send_batches WHERE case_id = ? AND kind = ? ORDER BY id`
		)
		.bind(caseId, kind)
		.all<Omit<BatchRow, 'recipients'> & { recipients: string }>();
	return results.map((r) => ({ ...r, recipients: JSON.parse(r.recipients) as string[] }));
}

/** The pushes each device got (since the `since`-th received), as the Topic of each. */
export async function pushesById(since = 0): Promise<Map<string, string[]>> {
	const pushes = new Map<string, string[]>();
	for (const r of (await peer.received()).received.slice(since))
		pushes.set(r.id, [...(pushes.get(r.id) ?? []), String(r.headers.topic ?? '')]);
	return pushes;
}

/**
 * A database that counts the write statements it is asked to run (INSERT, UPDATE, DELETE; by the table written),
 * whether through run() or batch(): what the per-database write rates are made of.
 */
export function countingDatabase(db: D1Database): { db: D1Database; writes: Map<string, number> } {
	const writes = new Map<string, number>();
	const sqlOf = new WeakMap<object, string>();
	const count = (sql: string | undefined) => {
		const match = sql?.match(/^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)/i);
		if (match) writes.set(match[1]!, (writes.get(match[1]!) ?? 0) + 1);
	};
	const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
		const proxy = new Proxy(statement, {
			get(target, property) {
				if (property === 'bind') return (...values: unknown[]) => wrap(target.bind(...values), sql);
				if (property === 'run' || property === 'all' || property === 'first' || property === 'raw')
					return (...args: unknown[]) => {
						count(sql);
						return (target[property] as (...a: unknown[]) => unknown).apply(target, args);
					};
				const value = Reflect.get(target, property) as unknown;
				return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
			}
		});
		sqlOf.set(proxy, sql);
		real.set(proxy, statement);
		return proxy;
	};
	const real = new WeakMap<object, D1PreparedStatement>();
	const counted = new Proxy(db, {
		get(target, property) {
			if (property === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
			if (property === 'batch')
				return (statements: D1PreparedStatement[]) => {
					for (const s of statements) count(sqlOf.get(s));
					return target.batch(statements.map((s) => real.get(s) ?? s));
				};
			const value = Reflect.get(target, property) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		}
	});
	return { db: counted, writes };
}
