import { DatabaseSync, type SQLInputValue } from 'node:sqlite';

/**
 * Enough of D1's API over Node's built-in SQLite for Node tests of modules that take a D1Database (prepare, bind,
 * first, all, run, batch as one transaction). Not a full emulation: no meta beyond `changes`.
 */
export function sqliteD1(db: DatabaseSync): D1Database {
	const statement = (sql: string, args: SQLInputValue[] = []) => ({
		sql,
		args,
		bind: (...values: unknown[]) => statement(sql, values as SQLInputValue[]),
		first: async <T>() => (db.prepare(sql).get(...args) as T | undefined) ?? null,
		all: async <T>() => ({ results: db.prepare(sql).all(...args) as T[], success: true, meta: {} }),
		run: async () => runOne(sql, args)
	});
	const runOne = (sql: string, args: SQLInputValue[]) => {
		const { changes } = db.prepare(sql).run(...args);
		return { results: [], success: true, meta: { changes: Number(changes) } };
	};
	const d1 = {
		prepare: (sql: string) => statement(sql),
		batch: async (statements: { sql: string; args: SQLInputValue[] }[]) => {
			db.exec('BEGIN');
			try {
				const results = statements.map((s) => runOne(s.sql, s.args));
				db.exec('COMMIT');
				return results;
			} catch (error) {
				db.exec('ROLLBACK');
				throw error;
			}
		},
		exec: async (sql: string) => db.exec(sql)
	};
	// Only the members above are used by the modules under test; the cast names that contract.
	return d1 as unknown as D1Database;
}
