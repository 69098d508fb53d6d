import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAuditChain } from '../../functions/db/audit';
import { errorOf } from './helpers/requests';
import { DRAFT, login, policeFetch } from './helpers/police';

let officer: string, approver: string, admin: string;

beforeAll(async () => {
	officer = await login('demo-officer');
	approver = await login('demo-approver');
	admin = await login('demo-admin');
});

async function draftAndSubmit(body = DRAFT): Promise<{ id: string; version: number }> {
	const created = await policeFetch(officer, 'POST', '/api/police/cases', body);
	expect(created.status).toBe(201);
	const { id } = (await created.json()) as { id: string };
	const submitted = await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {});
	expect(submitted.status).toBe(200);
	return (await submitted.json()) as { id: string; version: number };
}

describe('two-person publishing', () => {
	it('publishes only when a different approver confirms the previewed version, and fans out once', async () => {
		const { id, version } = await draftAndSubmit();

		const own = await policeFetch(officer, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		expect(own.status).toBe(403);

		const wrongName = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: '别的名字',
			version
		});
		expect(wrongName.status).toBe(400);
		expect((await errorOf(wrongName)).field).toBe('confirm');

		const stale = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version: version - 1
		});
		expect(stale.status).toBe(409);

		const approved = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		expect(approved.status).toBe(202);
		expect(await approved.json()).toMatchObject({ status: 'published', approvedBy: 'demo-approver' });

		const again = await policeFetch(admin, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		expect(again.status).toBe(409);
		const jobs = await env.DB.prepare(
			// One plan: a shard's first sub-job is `…:DB:` alone or `…:DB/0:` (functions/fanout/sub-jobs.ts).
			`SELECT count(*) AS n FROM fanout_jobs WHERE case_id = ? AND kind = 'alert' AND (instr(id, '/') = 0 OR id LIKE '%/0:')`
		)
			.bind(id)
			.first<{ n: number }>();
		expect(jobs?.n).toBe(1);

		const publicView = await policeFetch(null, 'GET', `/api/cases/${id}`);
		expect(publicView.status).toBe(200);
	});

	it('refuses approval by an approver who changed the case, so one person cannot rewrite and publish it', async () => {
		const created = await policeFetch(officer, 'POST', '/api/police/cases', DRAFT);
		const { id } = (await created.json()) as { id: string };
		const rewritten = await policeFetch(approver, 'PATCH', `/api/police/cases/${id}`, { radiusKm: 500 });
		expect(rewritten.status).toBe(200);
		const submitted = await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {});
		const { version } = (await submitted.json()) as { version: number };
		const own = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		expect(own.status).toBe(403);
		expect((await errorOf(own)).code).toBe('forbidden');
		const view = (await (await policeFetch(admin, 'GET', `/api/police/cases/${id}`)).json()) as {
			shapedBy: string[];
		};
		const ids = await env.DB.prepare(
			`SELECT id FROM users WHERE username IN ('demo-officer', 'demo-approver')`
		).all<{
			id: string;
		}>();
		expect([...view.shapedBy].sort()).toEqual(ids.results.map((u) => u.id).sort());
		const other = await policeFetch(admin, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		expect(other.status).toBe(202);
	});

	it('sends an edited pending case back to draft, so approving the old preview fails with 409', async () => {
		const { id, version } = await draftAndSubmit();
		const edited = await policeFetch(officer, 'PATCH', `/api/police/cases/${id}`, { radiusKm: 150 });
		expect(edited.status).toBe(200);
		expect(await edited.json()).toMatchObject({ status: 'draft', radiusKm: 150, version: version + 1 });
		const approve = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		expect(approve.status).toBe(409);
	});

	it('changes only the fields an edit names: an exercise stays an exercise and keeps its radius', async () => {
		const created = await policeFetch(officer, 'POST', '/api/police/cases', {
			...DRAFT,
			radiusKm: 250,
			exercise: true,
			heightCm: 120,
			clothing: '红色外套'
		});
		const { id, version } = (await created.json()) as { id: string; version: number };
		const edited = await policeFetch(officer, 'PATCH', `/api/police/cases/${id}`, { age: 7, clothing: null });
		expect(edited.status).toBe(200);
		const body = (await edited.json()) as Record<string, unknown>;
		expect(body).toMatchObject({
			age: 7,
			exercise: true,
			radiusKm: 250,
			heightCm: 120,
			version: version + 1
		});
		expect(body.clothing ?? null).toBeNull();
	});

	it('refuses an edit made from an older version of the case with 409', async () => {
		const created = await policeFetch(officer, 'POST', '/api/police/cases', DRAFT);
		const { id, version } = (await created.json()) as { id: string; version: number };
		const first = await policeFetch(approver, 'PATCH', `/api/police/cases/${id}`, { age: 8, version });
		expect(first.status).toBe(200);
		const second = await policeFetch(officer, 'PATCH', `/api/police/cases/${id}`, { age: 9, version });
		expect(second.status).toBe(409);
		expect((await errorOf(second)).code).toBe('conflict');
	});

	it('refuses edits to a published case, and resolves and cancels by the rules', async () => {
		const { id, version } = await draftAndSubmit();
		await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		expect((await policeFetch(officer, 'PATCH', `/api/police/cases/${id}`, { age: 7 })).status).toBe(409);
		const update = await policeFetch(officer, 'POST', `/api/police/cases/${id}/updates`, {
			text: '有人在车站见到'
		});
		expect(update.status).toBe(201);
		const resolved = await policeFetch(officer, 'POST', `/api/police/cases/${id}/resolve`, {
			outcome: 'found_safe',
			circumstance: 'lost'
		});
		expect(resolved.status).toBe(200);
		expect(await resolved.json()).toMatchObject({ status: 'resolved', outcome: 'found_safe' });
		expect(
			(await policeFetch(officer, 'POST', `/api/police/cases/${id}/cancel`, { reason: 'x' })).status
		).toBe(409);
		const page = (await (await policeFetch(null, 'GET', `/api/cases/${id}`)).json()) as {
			status: string;
			updates: Array<{ kind: string }>;
		};
		expect(page.status).toBe('resolved');
		expect(page.updates.map((u) => u.kind)).toEqual(['update']);
	});

	it('lets the author or an approver cancel — "sent in error"', async () => {
		const { id, version } = await draftAndSubmit();
		await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		const cancelled = await policeFetch(officer, 'POST', `/api/police/cases/${id}/cancel`, {
			reason: '误发'
		});
		expect(cancelled.status).toBe(200);
		expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });
		const jobs = await env.DB.prepare(`SELECT DISTINCT kind FROM fanout_jobs WHERE case_id = ? ORDER BY kind`)
			.bind(id)
			.all<{ kind: string }>();
		expect(jobs.results.map((j) => j.kind)).toEqual(['alert', 'cancelled']);
	});

	it('writes every action to an audit chain that verifies', async () => {
		const { results } = await env.DB.prepare(`SELECT action FROM audit_log ORDER BY id`).all<{
			action: string;
		}>();
		const actions = new Set(results.map((r) => r.action));
		for (const action of [
			'sign_in',
			'create',
			'submit',
			'approve',
			'publish',
			'edit',
			'update',
			'resolve',
			'cancel'
		])
			expect(actions).toContain(action);
		expect(await checkAuditChain(env)).toMatchObject({ ok: true });
		await expect(env.DB.prepare(`UPDATE audit_log SET action = 'forged' WHERE id = 1`).run()).rejects.toThrow(
			/append-only/
		);
	});
});

describe('CAP for officers', () => {
	it('serves a draft exercise as CAP status Draft, still marked an exercise, while the public API does not know it', async () => {
		const created = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, exercise: true });
		const { id } = (await created.json()) as { id: string };
		const response = await policeFetch(officer, 'GET', `/api/police/cases/${id}/cap`);
		expect(response.status).toBe(200);
		expect(response.headers.get('Content-Type')).toContain('application/cap+xml');
		const xml = await response.text();
		// API.md "Interop rules": a draft's CAP says Draft; the exercise shows in its scope and headline.
		expect(xml).toContain('<status>Draft</status>');
		expect(xml).toContain('<scope>Restricted</scope>');
		expect(xml).toContain(`<headline>【演练】`);
		expect((await policeFetch(null, 'GET', `/api/cases/${id}`)).status).toBe(404);
		expect((await policeFetch(officer, 'GET', '/api/police/cases/nope/cap')).status).toBe(404);
	});
});

describe('police request rules', () => {
	it('answers 401 without a session, 403 cross_origin without Origin, 415 without JSON', async () => {
		expect((await policeFetch(null, 'POST', '/api/police/cases', DRAFT)).status).toBe(401);
		const noOrigin = await policeFetch(officer, 'POST', '/api/police/cases', DRAFT, {
			Origin: 'https://evil.example'
		});
		expect(noOrigin.status).toBe(403);
		expect((await errorOf(noOrigin)).code).toBe('cross_origin');
		const form = await policeFetch(officer, 'POST', '/api/police/cases', undefined, {
			'Content-Type': 'application/x-www-form-urlencoded'
		});
		expect(form.status).toBe(415);
	});

	it('validates case fields with the shared schema', async () => {
		const response = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, age: 18 });
		expect(response.status).toBe(400);
		expect(await errorOf(response)).toMatchObject({ code: 'validation_failed', field: 'age' });
	});

	it('counts the audience inside a circle with the fan-out’s own selection', async () => {
		await env.DB.exec('DELETE FROM subscription_regions');
		const insert = env.DB.prepare(
			`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at, updated_at) VALUES (?, ?, ?, 'k', 'a', 'zh-CN', ?, '', '')`
		);
		await env.DB.batch([
			insert.bind('wtw3s', 'a', 'https://fcm.googleapis.com/a', 'wtw3s,wtw3e'),
			insert.bind('wtw3e', 'a', 'https://fcm.googleapis.com/a', 'wtw3s,wtw3e'),
			insert.bind('wtw3t', 'b', 'https://fcm.googleapis.com/b', 'wtw3t'),
			insert.bind('wx4g0', 'c', 'https://fcm.googleapis.com/c', 'wx4g0')
		]);
		const response = await policeFetch(
			officer,
			'GET',
			'/api/police/audience?lat=31.2304&lon=121.4737&radiusKm=100'
		);
		expect(await response.json()).toEqual({ subscribers: 2 });
	});

	it('counts only officers’ registered devices for an exercise, because only they will get it', async () => {
		await env.DB.exec('DELETE FROM subscription_regions');
		const insert = env.DB.prepare(
			`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id, created_at, updated_at) VALUES (?, ?, ?, 'k', 'a', 'zh-CN', ?, ?, '', '')`
		);
		await env.DB.batch([
			insert.bind('wtw3s', 'public', 'https://fcm.googleapis.com/p', 'wtw3s', null),
			insert.bind('wtw3e', 'officer', 'https://fcm.googleapis.com/o', 'wtw3e', 'demo-officer')
		]);
		const count = async (exercise: string) =>
			(
				(await (
					await policeFetch(
						officer,
						'GET',
						`/api/police/audience?lat=31.2304&lon=121.4737&radiusKm=100&exercise=${exercise}`
					)
				).json()) as { subscribers: number }
			).subscribers;
		expect(await count('0')).toBe(2);
		expect(await count('1')).toBe(1);
	});
});

describe('roles', () => {
	const adminRoutes: Array<[string, string, unknown?]> = [
		['GET', '/api/police/audit'],
		['GET', '/api/police/audit?format=csv'],
		['GET', '/api/police/audit/verify'],
		['GET', '/api/police/sending'],
		['PUT', '/api/police/sending', { paused: false }]
	];
	const officerRoutes: Array<[string, string, unknown?]> = [
		['GET', '/api/police/cases'],
		['POST', '/api/police/cases', DRAFT],
		['GET', '/api/police/audience?lat=30&lon=120&radiusKm=50'],
		['GET', '/api/police/cases/demo-shanghai/deliveries'],
		['GET', '/api/police/cases/demo-shanghai/audience'],
		['GET', '/api/police/cases/demo-shanghai/tips'],
		['GET', '/api/police/cases/demo-shanghai/cap'],
		[
			'POST',
			'/api/police/devices',
			{
				subscription: {
					endpoint: 'https://fcm.googleapis.com/fcm/send/officer-1',
					keys: {
						p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
						auth: 'tBHItJI5svbpez7KI4CCXg'
					}
				},
				regions: ['wtw3s']
			}
		]
	];

	it.each([...adminRoutes, ...officerRoutes])(
		'%s %s answers 401 without a session',
		async (method, path, body) => {
			expect((await policeFetch(null, method, path, body)).status).toBe(401);
		}
	);

	it.each(adminRoutes)(
		'%s %s is for admins: 403 for an officer and an approver, 200 for an admin',
		async (method, path, body) => {
			expect((await policeFetch(officer, method, path, body)).status).toBe(403);
			expect((await policeFetch(approver, method, path, body)).status).toBe(403);
			expect((await policeFetch(admin, method, path, body)).status).toBe(200);
		}
	);

	it.each(officerRoutes)('%s %s is open to every role', async (method, path, body) => {
		for (const cookie of [officer, approver, admin])
			expect((await policeFetch(cookie, method, path, body)).status).toBeLessThan(300);
	});
});

describe('admin', () => {
	it('pauses and resumes sending, audited', async () => {
		const paused = await policeFetch(admin, 'PUT', '/api/police/sending', { paused: true });
		expect(await paused.json()).toEqual({ paused: true });
		expect(await (await policeFetch(admin, 'GET', '/api/police/sending')).json()).toEqual({ paused: true });
		await policeFetch(admin, 'PUT', '/api/police/sending', { paused: false });
		const { results } = await env.DB.prepare(
			`SELECT action FROM audit_log WHERE action IN ('pause', 'resume') ORDER BY id`
		).all<{ action: string }>();
		expect(results.map((r) => r.action).slice(-2)).toEqual(['pause', 'resume']);
	});

	it('exports the audit log as CSV, formulas neutralised', async () => {
		const response = await policeFetch(admin, 'GET', '/api/police/audit?format=csv');
		expect(response.headers.get('Content-Type')).toContain('text/csv');
		const lines = (await response.text()).split('\r\n');
		expect(lines[0]).toBe('id,at,username,action,case_id,detail,ip_hash,prev_hash,hash,unit_id');
		expect(lines.length).toBeGreaterThan(5);
	});

	it('pages the audit log for reading, and exports all of it as CSV', async () => {
		const total = (await env.DB.prepare('SELECT count(*) AS n FROM audit_log').first<{ n: number }>())!.n;
		const first = (await (await policeFetch(admin, 'GET', '/api/police/audit?limit=3')).json()) as {
			entries: { id: number }[];
			next: number;
		};
		expect(first.entries).toHaveLength(3);
		expect(first.next).toBe(first.entries[2]!.id);
		const second = (await (
			await policeFetch(admin, 'GET', `/api/police/audit?limit=3&before=${first.next}`)
		).json()) as { entries: { id: number }[] };
		expect(second.entries[0]!.id).toBeLessThan(first.next);
		const csv = await (await policeFetch(admin, 'GET', '/api/police/audit?format=csv')).text();
		// Every row (plus the header), in pages of 1,000 on the server.
		expect(csv.split('\r\n').length).toBeGreaterThanOrEqual(total + 1);
		expect((await policeFetch(admin, 'GET', '/api/police/audit?before=abc')).status).toBe(400);
	});

	it('registers an officer’s device, which exercises reach and the public’s never', async () => {
		const rows = await env.DB.prepare(
			`SELECT officer_user_id FROM subscription_regions WHERE endpoint = 'https://fcm.googleapis.com/fcm/send/officer-1'`
		).all<{ officer_user_id: string }>();
		expect(rows.results.map((r) => r.officer_user_id)).toContain('demo-admin');
	});
});
