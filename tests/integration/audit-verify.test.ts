import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, policeFetch } from './helpers/police';

interface Report {
	ok: boolean;
	rows: number;
	firstBadId?: number;
}

let admin: string;

beforeAll(async () => {
	admin = await login('demo-admin');
	await policeFetch(admin, 'PUT', '/api/police/sending', { paused: true });
	await policeFetch(admin, 'PUT', '/api/police/sending', { paused: false });
});

async function verify(): Promise<Report> {
	const response = await policeFetch(admin, 'GET', '/api/police/audit/verify');
	expect(response.status).toBe(200);
	return (await response.json()) as Report;
}

async function auditCount(): Promise<number> {
	const row = await env.DB.prepare('SELECT count(*) AS n FROM audit_log').first<{ n: number }>();
	return row!.n;
}

describe('GET /api/police/audit/verify', () => {
	it('reports an intact chain with its length', async () => {
		const rows = await auditCount();
		expect(rows).toBeGreaterThanOrEqual(3); // sign-in, pause, resume
		expect(await verify()).toEqual({ ok: true, rows });
	});

	it('names the first row whose contents were changed behind the triggers’ back', async () => {
		const { id } = (await env.DB.prepare(
			`SELECT id FROM audit_log WHERE action = 'pause' ORDER BY id LIMIT 1`
		).first<{ id: number }>())!;
		// Only someone with direct database access can do this: the append-only trigger must go first.
		await env.DB.exec('DROP TRIGGER audit_log_no_update');
		await env.DB.prepare(`UPDATE audit_log SET action = 'resume' WHERE id = ?`).bind(id).run();
		expect(await verify()).toEqual({ ok: false, rows: await auditCount(), firstBadId: id });
	});

	it('names a forged row appended with a made-up hash', async () => {
		await env.DB.prepare(
			`UPDATE audit_log SET action = 'pause' WHERE action = 'resume' AND id = (
			SELECT min(id) FROM audit_log WHERE action IN ('pause', 'resume'))`
		).run();
		expect((await verify()).ok).toBe(true);
		const head = (await env.DB.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').first<{
			id: number;
			hash: string;
		}>())!;
		await env.DB.prepare(
			`INSERT INTO audit_log (prev_id, at, username, action, prev_hash, hash) VALUES (?, ?, 'nobody', 'resume', ?, 'forged')`
		)
			.bind(head.id, new Date().toISOString(), head.hash)
			.run();
		expect(await verify()).toMatchObject({ ok: false, firstBadId: head.id + 1 });
	});

	it('names a row appended by someone with database access but not the key, even with a well-formed hash', async () => {
		// Undo the forged row of the test before, so only this attempt is under test.
		await env.DB.exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
		await env.DB.prepare(`DELETE FROM audit_log WHERE hash = 'forged'`).run();
		expect((await verify()).ok).toBe(true);
		const head = (await env.DB.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').first<{
			id: number;
			hash: string;
		}>())!;
		const row = [head.id, new Date().toISOString(), null, 'nobody', 'resume', null, null, null, head.hash];
		// The chain's own canonical form, hashed the way an attacker without AUDIT_KEY could: plain SHA-256.
		const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(row)));
		const unkeyed = btoa(String.fromCharCode(...new Uint8Array(digest)))
			.replace(/\+/g, '-')
			.replace(/\//g, '_')
			.replace(/=+$/, '');
		await env.DB.prepare(
			`INSERT INTO audit_log (prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash, hash)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		)
			.bind(...row, unkeyed)
			.run();
		expect(await verify()).toMatchObject({ ok: false, firstBadId: head.id + 1 });
	});
});
