import type { Lang, SubscribeInput } from '../../src/lib/schemas';
import { sha256Base64Url } from '../lib/hash';
import type { ShardMap } from './shards';

export interface StoredSubscription {
	id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	lang: Lang;
	regions: string[];
}

const FIND_ONE = `SELECT subscription_id, endpoint, p256dh, auth, lang, regions
	FROM subscription_regions WHERE subscription_id = ? LIMIT 1`;
const DELETE_ALL = `DELETE FROM subscription_regions WHERE subscription_id = ?`;
const INSERT_REGION = `INSERT INTO subscription_regions
	(geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

interface RegionRow {
	subscription_id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	lang: string;
	regions: string;
}

/** The id is derived from the endpoint, so every shard agrees on it without a central table. */
export function subscriptionIdFor(endpoint: string): Promise<string> {
	return sha256Base64Url(endpoint).then((hash) => hash.slice(0, 22));
}

export async function findSubscription(shards: ShardMap, id: string): Promise<StoredSubscription | null> {
	for (const shard of shards.shards) {
		const row = await shard.db.prepare(FIND_ONE).bind(id).first<RegionRow>();
		if (row) return toSubscription(row);
	}
	return null;
}

/**
 * Replaces the device's regions on every shard. Each shard's delete + inserts run as one batch (D1's
 * transaction); across shards the write is an idempotent upsert, so a retry of the same request repairs a
 * partial failure.
 */
export async function upsertSubscription(
	shards: ShardMap,
	input: SubscribeInput,
	now: Date,
	officerUserId: string | null = null
): Promise<{ id: string; created: boolean }> {
	const id = await subscriptionIdFor(input.subscription.endpoint);
	const existing = await findSubscription(shards, id);
	const regions = [...new Set(input.regions)];
	const at = now.toISOString();
	for (const shard of shards.shards) {
		const mine = regions.filter((geohash) => shards.shardFor(geohash) === shard);
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
					officerUserId,
					at,
					at
				)
		);
		await shard.db.batch([shard.db.prepare(DELETE_ALL).bind(id), ...inserts]);
	}
	return { id, created: existing === null };
}

export async function deleteSubscription(shards: ShardMap, id: string): Promise<void> {
	await Promise.all(shards.shards.map((shard) => shard.db.prepare(DELETE_ALL).bind(id).run()));
}

function toSubscription(row: RegionRow): StoredSubscription {
	return {
		id: row.subscription_id,
		endpoint: row.endpoint,
		p256dh: row.p256dh,
		auth: row.auth,
		lang: row.lang === 'en' ? 'en' : 'zh-CN',
		regions: row.regions.split(',')
	};
}
