import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_CASES, DEMO_USERS } from '../../functions/dev/demo-cases';
import { seedDemoData } from '../../functions/dev/demo-data';
import { call, callWith, errorOf } from './helpers/requests';

describe('health and config', () => {
	it('answers health', async () => {
		const response = await call(new Request('https://reunion.test/api/health'));
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
	});

	it('gives the VAPID public key and the default radius', async () => {
		const response = await call(new Request('https://reunion.test/api/config'));
		expect(await response.json()).toEqual({ vapidPublicKey: env.VAPID_PUBLIC_KEY, defaultRadiusKm: 100 });
	});

	it('answers unknown API paths with the error shape', async () => {
		const response = await call(new Request('https://reunion.test/api/nothing-here'));
		expect(response.status).toBe(404);
		expect((await errorOf(response)).code).toBe('not_found');
	});
});

describe('local mode demo data', () => {
	it('is created only in local mode, once, and keeps what changed since', async () => {
		const refused = await call(new Request('https://reunion.test/__local/seed', { method: 'POST' }));
		expect(refused.status).toBe(404);
		const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM users WHERE demo = 1').first<{
			n: number;
		}>();
		expect(before?.n).toBe(0);

		// What `npm start` does once the server answers; no ordinary request seeds anything.
		await callWith({ REUNION_LOCAL: '1' }, new Request('https://reunion.test/api/health'));
		expect(
			(await env.DB.prepare('SELECT COUNT(*) AS n FROM users WHERE demo = 1').first<{ n: number }>())?.n
		).toBe(0); // health alone seeds nothing
		const seeded = await callWith(
			{ REUNION_LOCAL: '1' },
			new Request('https://reunion.test/__local/seed', { method: 'POST' })
		);
		expect(seeded.status).toBe(204);
		const users = await env.DB.prepare(
			'SELECT username, role FROM users WHERE demo = 1 ORDER BY username'
		).all();
		expect(users.results).toEqual(
			DEMO_USERS.map((u) => ({ username: u.username, role: u.role })).sort((a, b) =>
				a.username.localeCompare(b.username)
			)
		);
		const cases = await env.DB.prepare('SELECT id FROM cases WHERE demo = 1').all<{ id: string }>();
		expect(cases.results.map((c) => c.id).sort()).toEqual(DEMO_CASES.map((c) => c.id).sort());

		await env.DB.prepare(`UPDATE cases SET child_name = 'changed' WHERE id = 'demo-beijing'`).run();
		await seedDemoData({ ...env, REUNION_LOCAL: '1' }); // what a restart of `npm start` does
		const kept = await env.DB.prepare(`SELECT child_name FROM cases WHERE id = 'demo-beijing'`).first<{
			child_name: string;
		}>();
		expect(kept?.child_name).toBe('changed');
	});
});
