import { env } from 'cloudflare:test';
import { inject } from 'vitest';
import { encodeGeohash } from '../../../src/lib/geo';
import type { Fault, PeerSubscriber, Received } from '../../support/push-peer';

/** The push peer's control API, seen from inside workerd. */
export const peer = {
	origin: () => inject('peerOrigin'),
	async call<T>(path: string, body?: unknown): Promise<T> {
		const response = await fetch(
			`${inject('peerOrigin')}/_peer/${path}`,
			body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }
		);
		return (await response.json()) as T;
	},
	reset: () => peer.call('reset', { vapidPublicKey: env.VAPID_PUBLIC_KEY }),
	register: (ids: string[]) => peer.call<PeerSubscriber[]>('subscribers', { ids }),
	faults: (faults: Record<string, Fault[]>) => peer.call('faults', faults),
	received: () =>
		peer.call<{ received: Received[]; rejected: Array<{ id: string; reason: string }>; attempts: number }>(
			'received'
		)
};

/** Stores devices straight into D1 (the subscription API has its own tests), each row self-contained. */
export async function storeDevices(
	devices: Array<PeerSubscriber & { regions: string[]; officer?: string | null }>
): Promise<void> {
	const insert = env.DB.prepare(
		`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '') ON CONFLICT DO NOTHING`
	);
	const statements = devices.flatMap((d) =>
		d.regions.map((g) =>
			insert.bind(
				g,
				d.id,
				d.endpoint,
				d.keys.p256dh,
				d.keys.auth,
				d.id.endsWith('-en') ? 'en' : 'zh-CN',
				d.regions.join(','),
				d.officer ?? null
			)
		)
	);
	for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500));
}

/** Like storeDevices, each region row into the shard `shardOf` names (as the shard map would). */
export async function storeDevicesSharded(
	devices: Array<PeerSubscriber & { regions: string[] }>,
	shardOf: (geohash: string) => D1Database
): Promise<void> {
	for (const d of devices) {
		for (const g of d.regions) {
			await shardOf(g)
				.prepare(
					`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'zh-CN', ?, '', '')`
				)
				.bind(g, d.id, d.endpoint, d.keys.p256dh, d.keys.auth, d.regions.join(','))
				.run();
		}
	}
}

/** The case database and whichever shard databases this test project binds (vitest.worker.config.ts). */
export function batchDatabasesOfTest(): D1Database[] {
	const bindings = env as unknown as Record<string, D1Database | undefined>;
	return ['DB', 'DB_SHARD_W', 'DB_SHARD_1', 'DB_SHARD_2'].flatMap((name) => bindings[name] ?? []);
}

/** Waits until the fan-out for a case has settled: every selected device delivered, gone or failed. */
export async function waitForDeliveries(
	caseId: string,
	kind: string,
	expectSelected: number,
	timeoutMs = 60_000
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		// Each shard records its own send batches (issue 23): the figures are their sum.
		const sums = await Promise.all(
			batchDatabasesOfTest().map((db) =>
				db
					.prepare(
						`SELECT coalesce(sum(selected), 0) AS selected, coalesce(sum(delivered + gone + failed), 0) AS settled FROM send_batches WHERE case_id = ? AND kind = ?`
					)
					.bind(caseId, kind)
					.first<{ selected: number; settled: number }>()
			)
		);
		const row = { selected: 0, settled: 0 };
		for (const s of sums) {
			row.selected += s?.selected ?? 0;
			row.settled += s?.settled ?? 0;
		}
		const jobs = await env.DB.prepare(
			`SELECT count(*) AS running FROM fanout_jobs WHERE case_id = ? AND kind = ? AND status = 'running'`
		)
			.bind(caseId, kind)
			.first<{ running: number }>();
		if (jobs?.running === 0 && row.selected >= expectSelected && row.settled >= row.selected) return row;
		if (Date.now() > deadline)
			throw new Error(
				`deliveries for ${caseId}/${kind} did not settle: ${JSON.stringify(row)}, running jobs ${jobs?.running}`
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * A fresh peer and subscriber table with one device per entry, its one region the cell straight north of
 * `centre` at that many km: the radius tests' near / ring / far devices.
 */
export async function devicesNorthOf(
	centre: { lat: number; lon: number },
	kmById: Record<string, number>
): Promise<void> {
	await peer.reset();
	await env.DB.exec('DELETE FROM subscription_regions');
	const ids = Object.keys(kmById);
	const devices = await peer.register(ids);
	await storeDevices(
		devices.map((device, i) => ({
			...device,
			regions: [encodeGeohash(centre.lat + kmById[ids[i]!]! / 111.2, centre.lon, 5)]
		}))
	);
}

/** A fresh peer and subscriber table with these devices, all in the one cell of `centre`; returns that cell. */
export async function devicesAt(centre: { lat: number; lon: number }, ids: string[]): Promise<string> {
	await peer.reset();
	await env.DB.exec('DELETE FROM subscription_regions');
	const cell = encodeGeohash(centre.lat, centre.lon, 5);
	await storeDevices((await peer.register(ids)).map((d) => ({ ...d, regions: [cell] })));
	return cell;
}
