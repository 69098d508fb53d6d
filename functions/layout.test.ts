import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rules of issue 8, checked over the source tree: every SQL string lives in functions/db/ (or a
// migration), and db/ is a leaf that nothing above it leaks into.
const ROOT = new URL('..', import.meta.url).pathname;
const FUNCTIONS = join(ROOT, 'functions');

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return tsFiles(path);
		return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** SQL as it appears in this code base: upper-case keywords, as every query here is written. */
const SQL_PATTERNS = [
	/\bSELECT\b[\s\S]{0,400}?\bFROM\b/,
	/\bINSERT\s+(OR\s+\w+\s+)?INTO\b/,
	/\bUPDATE\s+\w+\s+SET\b/,
	/\bDELETE\s+FROM\b/
];

export function containsSql(source: string): boolean {
	return SQL_PATTERNS.some((pattern) => pattern.test(source));
}

const FORBIDDEN_FROM_DB = ['api', 'fanout', 'feeds', 'case-changes', 'cron', 'push'];

describe('the data layer', () => {
	it('recognises SQL in the forms the rule is about', () => {
		expect(containsSql('const q = `SELECT id FROM cases`;')).toBe(true);
		expect(containsSql("db.prepare('INSERT INTO tips (id) VALUES (?)')")).toBe(true);
		expect(containsSql('`UPDATE cases SET status = ?`')).toBe(true);
		expect(containsSql('`DELETE FROM subscription_regions WHERE id = ?`')).toBe(true);
		expect(containsSql('// select the rows, then update the job')).toBe(false);
	});

	it('holds every SQL string: none outside functions/db/ and the migrations', () => {
		const offenders = tsFiles(FUNCTIONS)
			.filter((path) => !/\/functions\/(db|migrations)\//.test(path))
			.filter((path) => !path.endsWith('layout.test.ts'))
			.filter((path) => containsSql(readFileSync(path, 'utf8')))
			.map((path) => relative(ROOT, path));
		expect(offenders).toEqual([]);
	});

	it('is a leaf: db/ imports nothing from the rooms above it', () => {
		const offenders = tsFiles(join(FUNCTIONS, 'db')).flatMap((path) => {
			const imports = [...readFileSync(path, 'utf8').matchAll(/from\s+'(\.\.\/[^']+)'/g)].map((m) => m[1]!);
			return imports
				.filter((spec) =>
					FORBIDDEN_FROM_DB.some((room) => spec.startsWith(`../${room}/`) || spec === `../${room}`)
				)
				.map((spec) => `${relative(ROOT, path)} imports ${spec}`);
		});
		expect(offenders).toEqual([]);
	});
});
