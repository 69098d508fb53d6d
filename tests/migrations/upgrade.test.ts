import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';

// Upgrades as D1 runs them: every migration in order, each on a database that already holds the rows the releases
// before it wrote. After each step, every row that existed before must still be there with the same values (a
// migration may only add columns, tables and indexes, or transform what it says it transforms), and at the end the
// constraints that protect the data must still refuse bad rows. Runs in Node's built-in SQLite (D1 is SQLite).

const DIR = 'functions/migrations';
const MIGRATIONS = readdirSync(DIR)
	.filter((name) => /^\d{4}_.*\.sql$/.test(name))
	.sort()
	.map((name) => ({ name, number: Number(name.slice(0, 4)), sql: readFileSync(join(DIR, name), 'utf8') }));

const T = '2026-11-01T00:00:00.000Z';
const PUSH = 'https://fcm.googleapis.com/fcm/send/upgrade';
const KEY = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';

/** Representative rows a release at that migration would have held, inserted right after it was applied. */
const ROWS: Record<number, string[]> = {
	1: [
		`INSERT INTO users VALUES ('u1', 'officer1', '警官一', 'officer', 'pbkdf2$x', 0, 0, '${T}', '${T}')`,
		`INSERT INTO users VALUES ('u2', 'approver1', '警官二', 'approver', NULL, 0, 0, '${T}', '${T}')`,
		`INSERT INTO cases (id, status, child_name, age, sex, contact_phone, last_seen_at, place_name, lat, lon, geohash,
			radius_km, created_by, created_at, updated_at, published_at)
			VALUES ('c1', 'published', '王小明', 6, 'male', '110', '${T}', '人民广场', 31.23, 121.47, 'wtw3sjq', 100,
			'u1', '${T}', '${T}', '${T}')`,
		`INSERT INTO cases (id, status, exercise, child_name, age, sex, contact_phone, last_seen_at, place_name, lat, lon,
			geohash, radius_km, created_at, updated_at) VALUES ('c2', 'draft', 1, '李四', 9, 'female', '110', '${T}', '某地',
			39.9, 116.4, 'wx4g0bm', 50, '${T}', '${T}')`,
		`INSERT INTO case_events (case_id, kind, text, created_by, created_at) VALUES ('c1', 'update', '新线索', 'u1', '${T}')`,
		`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at,
			updated_at) VALUES ('wtw3s', 's1', '${PUSH}/1', '${KEY}', 'tBHItJI5svbpez7KI4CCXg', 'zh-CN', '["wtw3s","wx4g0"]',
			'${T}', '${T}')`,
		`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at,
			updated_at) VALUES ('wx4g0', 's1', '${PUSH}/1', '${KEY}', 'tBHItJI5svbpez7KI4CCXg', 'zh-CN', '["wtw3s","wx4g0"]',
			'${T}', '${T}')`,
		`INSERT INTO rate_limits VALUES ('subscribe:abc', 1764547200, 3)`
	],
	2: [
		`INSERT INTO fanout_jobs (id, case_id, kind, shard, lat, lon, radius_km, ranges, range_index, cursor_geohash,
			cursor_id, batch_seq, selected, status, created_at, updated_at)
			VALUES ('c1:alert:DB', 'c1', 'alert', 'DB', 31.23, 121.47, 100, '[["wtw","wtx"]]', 0, 'wtw3s', 's1', 2, 1,
			'running', '${T}', '${T}')`,
		`INSERT INTO fanout_jobs (id, case_id, kind, shard, lat, lon, radius_km, ranges, cursor_id, batch_seq, status,
			created_at, updated_at) VALUES ('c1:update:rec', 'c1', 'update', 'recorded', 31.23, 121.47, 100, '[]', 'b1', 1,
			'done', '${T}', '${T}')`,
		`INSERT INTO send_batches (id, case_id, kind, job_id, recipients, selected, delivered, created_at, updated_at)
			VALUES ('b1', 'c1', 'alert', 'c1:alert:DB', '[{"id":"s1","geohash":"wtw3s"}]', 1, 1, '${T}', '${T}')`,
		`INSERT INTO dead_letters (queue, body, attempts, created_at) VALUES ('reunion-send', '{}', 5, '${T}')`,
		`INSERT INTO settings VALUES ('paused', '0', '${T}')`
	],
	3: [`INSERT INTO sessions VALUES ('tokenhash1', 'u1', 1764547200, 1764547200, 1764633600)`],
	4: [
		`INSERT INTO audit_log (prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash, hash)
			VALUES (NULL, '${T}', 'u1', 'officer1', 'create', 'c1', NULL, 'iphash', '', 'h1')`,
		`INSERT INTO audit_log (prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash, hash)
			VALUES (1, '${T}', 'u2', 'approver1', 'approve', 'c1', '{"version":2}', 'iphash', 'h1', 'h2')`
	],
	5: [
		`INSERT INTO tips (id, case_id, reference, message, seen_at, lat, lon, contact, ip_hash, created_at, updated_at)
			VALUES ('t1', 'c1', 'K7Q-4MD', '看到了', '${T}', 31.235, 121.477, '13800000000', 'iphash', '${T}', '${T}')`
	],
	7: [
		`INSERT INTO passkeys (id, user_id, public_key, name, created_at) VALUES ('cred1', 'u2', 'pk', 'phone', '${T}')`,
		`INSERT INTO webauthn_challenges VALUES ('ch1', 'abc', 'sign_in', NULL, 1764547200)`,
		`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, factor)
			VALUES ('tokenhash2', 'u2', 1764547200, 1764547200, 1764633600, 'passkey')`
	],
	8: [`INSERT INTO sign_in_failures VALUES ('officer1:iphash', 2, 1764547200)`],
	9: [`UPDATE cases SET proposed_radius_km = 200, proposed_by = 'u1', proposed_at = '${T}' WHERE id = 'c1'`],
	10: [
		`INSERT INTO case_events (case_id, kind, text, sighting, created_by, created_at) VALUES ('c1', 'update', '又见到',
			'{"lat":31.3,"lon":121.5,"placeName":"车站","seenAt":"${T}"}', 'u1', '${T}')`
	],
	12: [
		`INSERT INTO fanout_jobs (id, case_id, kind, shard, lat, lon, radius_km, ranges, batch_seq, enqueued_seq, status,
			created_at, updated_at) VALUES ('c1:resolved:DB', 'c1', 'resolved', 'DB', 31.23, 121.47, 100, '[]', 3, 1,
			'running', '${T}', '${T}')`
	],
	20: [
		`INSERT INTO tips (id, case_id, reference, message, place, photo_key, client_id, created_at, updated_at)
			VALUES ('t2', 'c1', 'P2X-9ZZ', '在车站', '火车站', 'tips/c1/t2.jpg', '0b6f3f8e-1111-4111-8111-111111111111',
			'${T}', '${T}')`
	],
	21: [
		`INSERT INTO cases (id, status, child_name, age, sex, contact_phone, last_seen_at, place_name, lat, lon, geohash,
			radius_km, outcome, circumstance, created_at, updated_at, published_at, resolved_at, retained_at)
			VALUES ('c3', 'resolved', '张某', 5, 'female', '110', '${T}', '某地', 23.1, 113.3, 'ws0e9d1', 100, 'found_safe',
			'lost', '${T}', '${T}', '${T}', '${T}', '${T}')`
	],
	22: [
		`UPDATE subscription_regions SET quiet_start = 1320, quiet_end = 420, quiet_zone = 'Asia/Shanghai'
			WHERE subscription_id = 's1'`,
		`INSERT INTO held_alerts VALUES ('s1', 'c1', 'b1', 'wtw3s', '${T}', '${T}')`
	],
	30: [
		`INSERT INTO partners (id, name, url, area, events, secret, created_at, updated_at) VALUES ('p1', '新闻', 
			'https://partner.example.com/hook', '{"circles":[]}', '["case.alert"]', 'whsec_x', '${T}', '${T}')`,
		`INSERT INTO webhook_events VALUES ('e1', 'case.alert', 'c1', '{}', '${T}')`,
		`INSERT INTO webhook_deliveries (partner_id, event_id, type, case_id, attempt, outcome, status_code, at)
			VALUES ('p1', 'e1', 'case.alert', 'c1', 1, 'delivered', 200, '${T}')`
	],
	40: [`INSERT INTO subscription_checks VALUES ('ck1', 's1', 'received', NULL, '${T}', '${T}')`],
	60: [
		`INSERT INTO case_announcements (id, case_id, change, at, created_at, delivered_at)
			VALUES ('a1', 'c1', '{"kind":"published"}', '${T}', '${T}', '${T}')`,
		`INSERT INTO case_announcement_receipts VALUES ('a1', 'push', '${T}')`
	],
	61: [`UPDATE send_batches SET due_by = '${T}', pending = '["s1"]', attempt = 1 WHERE id = 'b1'`],
	70: [
		`INSERT INTO cap_messages (case_id, seq, key, version, kind, radius_km, sent_at, snapshot)
			VALUES ('c1', 1, 'c1:alert:2', 2, 'alert', 100, '${T}', '{"id":"c1"}')`
	],
	90: [
		`INSERT INTO units (id, code, name, parent_id, level, area, max_radius_km, created_at, updated_at)
			VALUES ('unit-sh', '310000', '上海市公安局', 'root', 'province',
			'{"circles":[{"lat":31.2,"lon":121.45,"radiusKm":80}]}', 500, '${T}', '${T}')`,
		`INSERT INTO users (id, username, display_name, role, created_at, updated_at, unit_id)
			VALUES ('u3', 'officer-sh', '上海警官', 'officer', '${T}', '${T}', 'unit-sh')`,
		`UPDATE cases SET unit_id = 'unit-sh', prior_unit_id = 'root' WHERE id = 'c2'`,
		`INSERT INTO audit_log (prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash, hash, unit_id)
			VALUES (2, '${T}', 'u3', 'officer-sh', 'hand_over', 'c2', NULL, 'iphash', 'h2', 'h90', 'unit-sh')`
	]
};

/** Columns a migration rewrites on purpose: 0014 moved a recorded job's cursor into its own columns. */
const TRANSFORMED: Record<number, Record<string, string[]>> = {
	14: { fanout_jobs: ['shard', 'cursor_id'] }
};

/** Tables present after the newest migration known when this test was written, all of which must hold rows. */
const SEEDED_BY = 90;

function open(): DatabaseSync {
	const db = new DatabaseSync(':memory:');
	db.exec('PRAGMA foreign_keys = ON'); // as D1 enforces them
	return db;
}

function tables(db: DatabaseSync): string[] {
	return db
		.prepare(
			`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'
			ORDER BY name`
		)
		.all()
		.map((row) => String(row.name));
}

type Snapshot = Map<string, Record<string, unknown>[]>;

function snapshot(db: DatabaseSync): Snapshot {
	return new Map(tables(db).map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}

/** Each row as the columns it had before, as text, sorted: a multiset that a kept row leaves unchanged. */
function projected(rows: Record<string, unknown>[], columns: string[]): string[] {
	return rows.map((row) => JSON.stringify(columns.map((column) => row[column]))).sort();
}

function schema(db: DatabaseSync): string[] {
	return db
		.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '_cf_%' ORDER BY type, name`)
		.all()
		.map((row) => `${String(row.type)} ${String(row.name)}: ${String(row.sql).replace(/\s+/g, ' ')}`);
}

function upgradeWithRows(): { db: DatabaseSync; lost: string[] } {
	const db = open();
	const lost: string[] = [];
	for (const migration of MIGRATIONS) {
		const before = snapshot(db);
		db.exec(migration.sql);
		const after = snapshot(db);
		for (const [table, rows] of before) {
			const kept = after.get(table);
			if (!kept) {
				if (rows.length > 0) lost.push(`${migration.name} dropped ${table} holding ${rows.length} rows`);
				continue;
			}
			const skip = TRANSFORMED[migration.number]?.[table] ?? [];
			const columns = Object.keys(rows[0] ?? {}).filter((column) => !skip.includes(column));
			if (JSON.stringify(projected(kept, columns)) !== JSON.stringify(projected(rows, columns)))
				lost.push(`${migration.name} changed or lost rows of ${table}`);
		}
		for (const sql of ROWS[migration.number] ?? []) db.exec(sql);
	}
	return { db, lost };
}

describe('migrations, one by one, on a database holding data', () => {
	it('finds the migrations in order with no number used twice', () => {
		const numbers = MIGRATIONS.map((m) => m.number);
		expect(numbers.length).toBeGreaterThan(15);
		expect(new Set(numbers).size).toBe(numbers.length);
		expect(MIGRATIONS[0]!.name).toBe('0001_foundation.sql');
	});

	it('keeps every row of every earlier release through every later migration', () => {
		const { db, lost } = upgradeWithRows();
		expect(lost).toEqual([]);
		// Every table a release up to SEEDED_BY created was exercised with rows (the upgrade is not vacuous).
		const known = open();
		for (const migration of MIGRATIONS.filter((m) => m.number <= SEEDED_BY)) known.exec(migration.sql);
		const empty = tables(known).filter(
			(name) => name !== 'stale_change_guard' && snapshot(db).get(name)?.length === 0
		);
		expect(empty).toEqual([]);
	});

	it('applies each migration’s own data change to the rows it found', () => {
		const { db } = upgradeWithRows();
		// 0012: jobs already running had sent their batches.
		expect(db.prepare(`SELECT enqueued_seq FROM fanout_jobs WHERE id = 'c1:alert:DB'`).get()).toEqual({
			enqueued_seq: 2
		});
		// 0014: a job in the old 'recorded' shard walks recorded batches from the batch its cursor named.
		expect(
			db
				.prepare(
					`SELECT source, shard, cursor_id, after_batch_id FROM fanout_jobs WHERE id = 'c1:update:rec'`
				)
				.get()
		).toEqual({ source: 'recorded', shard: '', cursor_id: '', after_batch_id: 'b1' });
		expect(db.prepare(`SELECT source FROM fanout_jobs WHERE id = 'c1:alert:DB'`).get()).toEqual({
			source: 'covering'
		});
		// 0090: the one force of an older database is the root unit, and every row it held belongs to it.
		expect(db.prepare(`SELECT unit_id FROM users WHERE id IN ('u1', 'u2') ORDER BY id`).all()).toEqual([
			{ unit_id: 'root' },
			{ unit_id: 'root' }
		]);
		expect(db.prepare(`SELECT unit_id FROM partners WHERE id = 'p1'`).get()).toEqual({ unit_id: 'root' });
		expect(db.prepare(`SELECT unit_id FROM audit_log WHERE id = 1`).get()).toEqual({ unit_id: null });
		// 0091: every case read names its issuer: the root's for the old cases, the unit's for a handed-over one.
		expect(
			db.prepare(`SELECT id, unit_id, issuer_code, issuer_name FROM case_rows ORDER BY id`).all()
		).toEqual([
			{ id: 'c1', unit_id: 'root', issuer_code: null, issuer_name: '公安部' },
			{ id: 'c2', unit_id: 'unit-sh', issuer_code: '310000', issuer_name: '上海市公安局' },
			{ id: 'c3', unit_id: 'root', issuer_code: null, issuer_name: '公安部' }
		]);
		// 0007: sessions opened before passkeys were password sessions.
		expect(db.prepare(`SELECT factor FROM sessions WHERE token_hash = 'tokenhash1'`).get()).toEqual({
			factor: 'password'
		});
	});

	it('leaves the same schema as a fresh database built from empty', () => {
		const fresh = open();
		for (const migration of MIGRATIONS) fresh.exec(migration.sql);
		expect(schema(upgradeWithRows().db)).toEqual(schema(fresh));
		expect(fresh.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
	});

	it('still refuses bad rows after the upgrade, and holds no dangling reference', () => {
		const { db } = upgradeWithRows();
		expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
		expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
		const refused: Array<[string, RegExp]> = [
			// The server keeps geohash-5 cells only, never a finer position.
			[
				`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at,
				updated_at) VALUES ('wtw3sj', 's9', 'e', 'k', 'a', 'en', '[]', '${T}', '${T}')`,
				/CHECK constraint failed/
			],
			[`UPDATE audit_log SET detail = 'x' WHERE id = 1`, /append-only/],
			[`DELETE FROM audit_log WHERE id = 2`, /append-only/],
			[
				`INSERT INTO audit_log (prev_id, at, action, prev_hash, hash) VALUES (1, '${T}', 'fork', 'h1', 'h3')`,
				/UNIQUE constraint failed/
			],
			[
				`INSERT INTO audit_log (prev_id, at, action, prev_hash, hash) VALUES (NULL, '${T}', 'root2', '', 'h4')`,
				/UNIQUE constraint failed/
			],
			[`UPDATE cases SET status = 'deleted' WHERE id = 'c1'`, /CHECK constraint failed/],
			[
				`INSERT INTO tips (id, case_id, reference, message, lat, created_at, updated_at)
				VALUES ('t9', 'c1', 'AAA-AAA', 'm', 31.2, '${T}', '${T}')`,
				/CHECK constraint failed/
			],
			[
				`INSERT INTO tips (id, case_id, reference, message, client_id, created_at, updated_at)
				VALUES ('t9', 'c1', 'AAA-AAA', 'm', '0b6f3f8e-1111-4111-8111-111111111111', '${T}', '${T}')`,
				/UNIQUE constraint failed/
			],
			[
				`INSERT INTO tips (id, case_id, reference, message, created_at, updated_at)
				VALUES ('t9', 'no-such-case', 'AAA-AAA', 'm', '${T}', '${T}')`,
				/FOREIGN KEY constraint failed/
			],
			[`UPDATE sessions SET factor = 'sms'`, /CHECK constraint failed/],
			[`UPDATE fanout_jobs SET source = 'guess'`, /CHECK constraint failed/],
			[`INSERT INTO stale_change_guard (ok) VALUES (0)`, /CHECK constraint failed/],
			[`UPDATE webhook_deliveries SET outcome = 'maybe'`, /CHECK constraint failed/],
			[
				`INSERT INTO cap_messages (case_id, seq, key, version, kind, radius_km, sent_at, snapshot)
				VALUES ('c1', 2, 'c1:alert:2', 2, 'alert', 100, '${T}', '{}')`,
				/UNIQUE constraint failed/
			],
			// One root unit, one unit per division code, and only the known levels.
			[
				`INSERT INTO units (id, name, parent_id, level, area, created_at, updated_at)
				VALUES ('root2', '另一个部', NULL, 'ministry', '{}', '${T}', '${T}')`,
				/CHECK constraint failed/
			],
			[
				`INSERT INTO units (id, code, name, parent_id, level, area, created_at, updated_at)
				VALUES ('unit-sh2', '310000', '上海', 'root', 'province', '{}', '${T}', '${T}')`,
				/UNIQUE constraint failed/
			],
			[`UPDATE units SET level = 'village' WHERE id = 'unit-sh'`, /CHECK constraint failed/]
		];
		for (const [sql, error] of refused) expect(() => db.exec(sql), sql).toThrow(error);
	});
});
