import type { Lang, QuietHours, SubscribeInput } from '../../src/lib/schemas';
import { quietColumns, quietFromColumns, type QuietColumns } from './quiet-columns';
import { sameSecret, sha256Base64Url } from '../lib/hash';
import { toDevice, toRecipient, type Recipient } from './recipients';
import type { ShardMap } from './shards';

export interface StoredSubscription {
	id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	lang: Lang;
	regions: string[];
	/** The officer who registered this device for exercises, if any. */
	officerUserId: string | null;
	quietHours: QuietHours | null;
}

const FIND_ONE = `SELECT subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id, quiet_start, quiet_end, quiet_zone
	FROM subscription_regions WHERE subscription_id = ? LIMIT 1`;
const DELETE_ALL = `DELETE FROM subscription_regions WHERE subscription_id = ?`;
const INSERT_REGION = `INSERT INTO subscription_regions
	(geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id, quiet_start, quiet_end, quiet_zone,
	created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** A `subscription_regions` row: self-contained, so any shard can send from it alone. */
export interface RegionRow extends Partial<QuietColumns> {
	geohash: string;
	subscription_id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	lang: string;
	regions: string;
	officer_user_id: string | null;
}

/** The id is derived from the endpoint, so every shard agrees on it without a central table. */
export function subscriptionIdFor(endpoint: string): Promise<string> {
	return sha256Base64Url(endpoint).then((hash) => hash.slice(0, 22));
}

export async function findSubscription(shards: ShardMap, id: string): Promise<StoredSubscription | null> {
	for (const shard of shards.shards) {
		const row = await shard.db.prepare(FIND_ONE).bind(id).first<Omit<RegionRow, 'geohash'>>();
		if (row) return toSubscription(row);
	}
	return null;
}

export interface FoundDevice {
	id: string;
	existing: StoredSubscription | null;
	/** The stored device when the caller holds its auth secret; the endpoint alone may have leaked. */
	known: StoredSubscription | null;
	/** The endpoint is stored with another auth secret: the caller must not change it (API.md `auth_mismatch`). */
	mismatch: boolean;
}

export async function findDevice(
	shards: ShardMap,
	subscription: SubscribeInput['subscription']
): Promise<FoundDevice> {
	const id = await subscriptionIdFor(subscription.endpoint);
	const existing = await findSubscription(shards, id);
	const known = existing && sameSecret(existing.auth, subscription.keys.auth) ? existing : null;
	return { id, existing, known, mismatch: existing !== null && known === null };
}

/** Whether `auth` is the secret stored with a subscription, compared in constant time. */
export function holdsSecret(stored: StoredSubscription, auth: string): boolean {
	return sameSecret(stored.auth, auth);
}

/**
 * Replaces the device's regions on every shard. Each shard's delete + inserts run as one batch (D1's
 * transaction); across shards the write is an idempotent upsert, so a retry of the same request repairs a
 * partial failure. An endpoint stored with another auth secret is left untouched (`authMismatch`): whoever
 * learnt an endpoint must not be able to replace its keys and regions.
 */
export async function upsertSubscription(
	shards: ShardMap,
	input: SubscribeInput,
	now: Date,
	/** Set by the police device route; the public route leaves it out and keeps what the device had. */
	officerUserId?: string | null,
	/** The lookup the caller already made, so the shards are not read twice. */
	found?: FoundDevice
): Promise<{ id: string; created: boolean; authMismatch: boolean }> {
	const { id, existing, known, mismatch } = found ?? (await findDevice(shards, input.subscription));
	if (mismatch) return { id, created: false, authMismatch: true };
	// A public re-subscribe (new regions, pushsubscriptionchange) must not quietly drop an officer's device from
	// exercises; only the holder of the same auth secret keeps it.
	const officer = officerUserId !== undefined ? officerUserId : (known?.officerUserId ?? null);
	// API.md: quietHours omitted keeps what the device had (only its holder's), null clears.
	const quiet = quietColumns(input.quietHours !== undefined ? input.quietHours : (known?.quietHours ?? null));
	const regions = [...new Set(input.regions)];
	const at = now.toISOString();
	// During a move a region is written to both databases, the source first (functions/shards/move.ts relies on it).
	const routing = await shards.routing();
	for (const name of routing.writeOrder) {
		const shard = shards.byName(name);
		const mine = regions.filter((geohash) => routing.writeShards(geohash).includes(name));
		const inserts = mine.map((geohash) =>
			shard.db
				.prepare(INSERT_REGION)
				.bind(
					geohash,
					id,
					input.subscription.endpoint,
					input.subscription.keys.p256dh,
					input.subscription.keys.auth,
					input.lang,
					regions.join(','),
					officer,
					quiet.quiet_start,
					quiet.quiet_end,
					quiet.quiet_zone,
					at,
					at
				)
		);
		await shard.db.batch([shard.db.prepare(DELETE_ALL).bind(id), ...inserts]);
	}
	return { id, created: existing === null, authMismatch: false };
}

export async function deleteSubscription(shards: ShardMap, id: string): Promise<void> {
	await inWriteOrder(shards, (db) => db.prepare(DELETE_ALL).bind(id).run());
}

/**
 * Runs a by-id write on every shard: all at once, except that a running move's target comes after the rest, so
 * a move's copy never sees a row the source has lost still standing in the target for good (move.ts syncPage).
 */
async function inWriteOrder(shards: ShardMap, write: (db: D1Database) => Promise<unknown>): Promise<void> {
	const { active } = await shards.routing();
	const last = active ? shards.byName(active.to) : null;
	await Promise.all(shards.shards.filter((shard) => shard !== last).map((shard) => write(shard.db)));
	if (last) await write(last.db);
}

function toSubscription(row: Omit<RegionRow, 'geohash'>): StoredSubscription {
	return {
		...toDevice(row),
		regions: row.regions.split(','),
		officerUserId: row.officer_user_id,
		quietHours: quietFromColumns(row)
	};
}

// D1 allows 100 bound parameters per query.
const MAX_IDS_PER_QUERY = 99;

/** Current endpoint and keys for known subscription ids (those unsubscribed since are simply absent). */
export async function findRecipientsByIds(shards: ShardMap, ids: string[]): Promise<Recipient[]> {
	const found = new Map<string, Recipient>();
	for (let i = 0; i < ids.length; i += MAX_IDS_PER_QUERY) {
		const chunk = ids.slice(i, i + MAX_IDS_PER_QUERY);
		const placeholders = chunk.map(() => '?').join(', ');
		for (const shard of shards.shards) {
			const { results } = await shard.db
				.prepare(
					`SELECT subscription_id, endpoint, p256dh, auth, lang FROM subscription_regions WHERE subscription_id IN (${placeholders}) GROUP BY subscription_id`
				)
				.bind(...chunk)
				.all<Omit<RegionRow, 'geohash' | 'regions' | 'officer_user_id'>>();
			for (const row of results) found.set(row.subscription_id, toRecipient(row));
		}
	}
	return [...found.values()];
}

/** Removes devices the push service says are gone (404/410) from every shard (a moving prefix's target last). */
export async function deleteSubscriptions(shards: ShardMap, ids: string[]): Promise<void> {
	for (let i = 0; i < ids.length; i += MAX_IDS_PER_QUERY) {
		const chunk = ids.slice(i, i + MAX_IDS_PER_QUERY);
		const placeholders = chunk.map(() => '?').join(', ');
		await inWriteOrder(shards, (db) =>
			db
				.prepare(`DELETE FROM subscription_regions WHERE subscription_id IN (${placeholders})`)
				.bind(...chunk)
				.run()
		);
	}
}
