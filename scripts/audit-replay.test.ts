import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { replaySql } from './audit-replay.mjs';

type Row = Record<string, unknown> & { id: number; hash: string };

/** A migrated database whose audit log holds a linked chain of `n` rows (hashes stand in for the HMACs). */
function withChain(n: number): { db: DatabaseSync; rows: Row[] } {
	const db = new DatabaseSync(':memory:');
	for (const name of readdirSync('functions/migrations')
		.filter((f) => f.endsWith('.sql'))
		.sort())
		db.exec(readFileSync(join('functions/migrations', name), 'utf8'));
	const insert = db.prepare(
		`INSERT INTO audit_log (id, prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash, hash)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	for (let id = 1; id <= n; id++)
		insert.run(
			id,
			id === 1 ? null : id - 1,
			`2026-12-06T10:00:0${id}.000Z`,
			'u1',
			"o'brien",
			'tip_triage',
			`case-${id}`,
			JSON.stringify({ tip: "K7Q-4MD'; DROP TABLE cases; --", status: 'useful' }),
			null,
			id === 1 ? '' : `hash-${id - 1}`,
			`hash-${id}`
		);
	const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
	return { db, rows };
}

/** What a restore to row `id` leaves: the append-only triggers stand in the way of anything else. */
function restoreTo(db: DatabaseSync, id: number): void {
	db.exec('DROP TRIGGER audit_log_no_delete');
	db.prepare('DELETE FROM audit_log WHERE id > ?').run(id);
	db.exec(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
		SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
}

describe('replaying exported audit rows into a restored database', () => {
	it('brings the log back to exactly what was exported, from overlapping objects', () => {
		const { db, rows } = withChain(8);
		restoreTo(db, 3);
		const objects = [rows.slice(0, 5), rows.slice(4, 8)].flat(); // row 5 in both, as after a re-run
		db.exec(replaySql(objects, 3, 'hash-3'));
		expect(db.prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(rows);
	});

	it('replays nothing when the database is not behind', () => {
		const { rows } = withChain(4);
		expect(replaySql(rows, 4, 'hash-4')).toBe('');
	});

	it('refuses a gap in the files and rows that do not continue the restored chain', () => {
		const { rows } = withChain(8);
		expect(() =>
			replaySql(
				rows.filter((row) => row.id !== 6),
				3,
				'hash-3'
			)
		).toThrow(/row 6 is missing/);
		expect(() => replaySql(rows, 3, 'another-hash')).toThrow(/does not link/);
	});
});
