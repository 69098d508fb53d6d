import { readdirSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { sqliteD1 } from './sqlite-d1';
import { checkAuditChain, withAudit, type AuditStore } from '../../functions/db/audit';
import { keyedHash } from '../../functions/lib/hash';

// Migration 0090 moves a database of one force into one root unit: every case, user and audit row is kept as it
// was, and the audit chain written before units still verifies (and goes on after them).

const DIR = new URL('../../functions/migrations/', import.meta.url);
const FILES = readdirSync(DIR)
	.filter((name) => name.endsWith('.sql'))
	.sort();
const AUDIT_KEY = 'test-audit-key';

function apply(db: DatabaseSync, which: (name: string) => boolean): void {
	for (const name of FILES.filter(which)) db.exec(readFileSync(new URL(name, DIR), 'utf8'));
}

/** An audit row as the code before units wrote it: the hash covers exactly these nine values. */
async function legacyAudit(db: DatabaseSync, action: string, userId: string, caseId: string | null) {
	const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
		{ id: number; hash: string } | undefined;
	const values = [
		head?.id ?? null,
		new Date().toISOString(),
		userId,
		userId,
		action,
		caseId,
		null,
		'ip',
		head?.hash ?? ''
	];
	const hash = await keyedHash(AUDIT_KEY, JSON.stringify(values));
	db.prepare(
		`INSERT INTO audit_log (prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(...(values as (string | number | null)[]), hash);
}

function seedOneForce(db: DatabaseSync): void {
	const at = '2026-11-01T00:00:00.000Z';
	for (const [id, role] of [
		['u-1', 'officer'],
		['u-2', 'approver'],
		['u-3', 'admin']
	])
		db.prepare(
			`INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?)`
		).run(id!, id!, id!, role!, at, at);
	for (const [id, lat, lon] of [
		['c-1', 31.23, 121.47],
		['c-2', 39.9, 116.4]
	] as const)
		db.prepare(
			`INSERT INTO cases (id, status, child_name, age, sex, contact_phone, last_seen_at, place_name, lat, lon, geohash,
			radius_km, created_by, created_at, updated_at) VALUES (?, 'published', '王小明', 6, 'male', '110', ?, 'x', ?, ?, 'wtw3s', 100, 'u-1', ?, ?)`
		).run(id, at, lat, lon, at, at);
}

const snapshot = (db: DatabaseSync, table: string) =>
	db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
const without = (rows: unknown[], ...columns: string[]) =>
	rows.map((row) => Object.fromEntries(Object.entries(row as object).filter(([k]) => !columns.includes(k))));

describe('migration 0090: one force becomes the root unit', () => {
	it('keeps every case, user and audit row; the old chain verifies after it, and extends with units', async () => {
		const db = new DatabaseSync(':memory:');
		db.exec('PRAGMA foreign_keys = ON');
		apply(db, (name) => name < '0090');
		seedOneForce(db);
		for (const [action, caseId] of [
			['sign_in', null],
			['create', 'c-1'],
			['approve', 'c-1'],
			['create', 'c-2']
		] as const)
			await legacyAudit(db, action, 'u-1', caseId);
		const store: AuditStore = { DB: sqliteD1(db), AUDIT_KEY, REUNION_LOCAL: '' };
		const before = {
			users: snapshot(db, 'users'),
			cases: snapshot(db, 'cases'),
			audit: snapshot(db, 'audit_log')
		};

		apply(db, (name) => name >= '0090');

		expect(snapshot(db, 'units')).toMatchObject([{ id: 'root', parent_id: null, level: 'ministry' }]);
		const users = snapshot(db, 'users') as { unit_id: string }[];
		const cases = snapshot(db, 'cases') as { unit_id: string; prior_unit_id: string | null }[];
		expect(without(users, 'unit_id')).toEqual(before.users);
		expect(without(cases, 'unit_id', 'prior_unit_id')).toEqual(before.cases);
		expect(users.every((u) => u.unit_id === 'root')).toBe(true);
		expect(cases.every((c) => c.unit_id === 'root' && c.prior_unit_id === null)).toBe(true);
		expect(without(snapshot(db, 'audit_log'), 'unit_id')).toEqual(before.audit);
		expect(await checkAuditChain(store)).toEqual({ ok: true, rows: 4 });

		// The chain goes on with rows that name a unit, and the unit is covered by the hash.
		await withAudit(
			store,
			{ userId: 'u-2', username: 'u-2', action: 'approve', caseId: 'c-2', unitId: 'root' },
			[]
		);
		expect(await checkAuditChain(store)).toEqual({ ok: true, rows: 5 });
		expect(await checkAuditChain(store, ['elsewhere'])).toEqual({ ok: true, rows: 0 });
		db.exec(`DROP TRIGGER audit_log_no_update`);
		db.exec(`UPDATE audit_log SET unit_id = 'elsewhere' WHERE id = 5`);
		expect(await checkAuditChain(store)).toEqual({ ok: false, rows: 5, firstBadId: 5 });
		// Another subtree learns the chain is broken, but not which of the rows it cannot read.
		expect(await checkAuditChain(store, ['nowhere'])).toEqual({ ok: false, rows: 0 });
	});
});
