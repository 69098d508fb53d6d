// The probe's authorisation, CSRF and session categories (issue 18, point 7), driven by the route table.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../../functions/app';
import { sha256Base64Url } from '../../../functions/lib/hash';
import { insertCase } from '../helpers/cases';
import { login, ORIGIN, policeFetch } from '../helpers/police';
import { POLICE_ROUTES, ROLES, USER_OF, type PoliceRoute, type Role } from './routes';
import { countAll, expectErrorShape } from './support';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let cookies: Record<Role, string>;
let officerId: string;
let officerUnit: string;
beforeAll(async () => {
	cookies = {
		officer: await login(USER_OF.officer),
		approver: await login(USER_OF.approver),
		admin: await login(USER_OF.admin)
	};
	const row = await env.DB.prepare('SELECT id, unit_id FROM users WHERE username = ?')
		.bind(USER_OF.officer)
		.first<{ id: string; unit_id: string }>();
	officerId = row!.id;
	// The officer's own unit's case (API.md "Police units"): a case outside it would answer 404, not the role.
	officerUnit = row!.unit_id;
});

/** The route's path with a fresh target case of the officer's, so one call never changes what the next sees. */
async function pathOf(route: PoliceRoute): Promise<string> {
	if (!route.target) return route.path;
	const published = route.target.status === 'published';
	const row = await insertCase({
		lat: 31.23,
		lon: 121.47,
		status: route.target.status,
		created_by: officerId,
		unit_id: officerUnit,
		published_at: published ? new Date().toISOString() : null,
		child_name: '探针'
	});
	return route.path.replace(':id', row.id);
}

async function callAs(route: PoliceRoute, cookie: string | null, origin: string | null = ORIGIN) {
	const headers: Record<string, string> = {};
	if (origin) headers.Origin = origin;
	if (cookie) headers.Cookie = cookie;
	let body: BodyInit | undefined;
	if (route.raw) {
		headers['Content-Type'] = route.raw;
		body = PNG;
	} else if (route.body !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(route.body);
	}
	return SELF.fetch(`${ORIGIN}${await pathOf(route)}`, { method: route.method, headers, body });
}

const name = (route: PoliceRoute) => `${route.method} ${route.path}`;

describe('the route table', () => {
	it('names every police and signed-in route the app serves', () => {
		const pattern = (path: string) =>
			new RegExp(`^${path.split('?')[0]!.replace(/no-such-[a-z]+|:id/g, '[^/]+')}$`);
		const served = app.routes
			.filter((r) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
			.filter((r) => r.path.startsWith('/api/police/') || /^\/api\/auth\/(me|passkeys\/?$)/.test(r.path))
			.map((r) => `${r.method} ${r.path}`);
		const missing = [...new Set(served)].filter((route) => {
			const [method, path] = route.split(' ');
			// Hono names parameters `:id`; the table writes concrete paths for ids that do not exist.
			const concrete = path!.replace(/:[a-zA-Z]+(\{[^}]*\})?/g, 'x');
			return !POLICE_ROUTES.some((r) => r.method === method && pattern(r.path).test(concrete));
		});
		expect(missing).toEqual([]);
	});
});

describe('authorisation matrix: every police route × anonymous, officer, approver, admin', () => {
	it.each(POLICE_ROUTES.map((route) => [name(route), route] as const))('%s', async (_name, route) => {
		const anonymous = await callAs(route, null);
		expect(anonymous.status, 'anonymous').toBe(401);
		await expectErrorShape(anonymous, 'anonymous');
		for (const role of ROLES) {
			const answer = await callAs(route, cookies[role]);
			const allowed = ROLES.indexOf(role) >= ROLES.indexOf(route.minRole);
			if (allowed) {
				expect([401, 403], `${role}: ${answer.status}`).not.toContain(answer.status);
				expect(answer.status, role).toBeLessThan(500);
				await answer.arrayBuffer();
			} else {
				expect(answer.status, role).toBe(403);
				await expectErrorShape(answer, role);
			}
		}
	});
});

describe('CSRF: a state-changing police request from another origin, or none, is refused and writes nothing', () => {
	const writes = POLICE_ROUTES.filter((route) => route.method !== 'GET');
	it.each(writes.map((route) => [name(route), route] as const))('%s', async (_name, route) => {
		const before = await countAll();
		for (const origin of ['https://evil.example', 'null', `${ORIGIN}.evil.example`, null]) {
			const answer = await callAs(route, cookies.admin, origin);
			expect(answer.status, String(origin)).toBe(403);
			expect((await expectErrorShape(answer, String(origin))).code).toBe('cross_origin');
		}
		// The target cases of the calls themselves are the only rows added (pathOf inserts them first).
		expect({ ...(await countAll()), cases: before.cases }).toEqual(before);
	});

	it('sign-in and sign-out from another origin are refused too', async () => {
		for (const path of ['/api/auth/login', '/api/auth/logout']) {
			const answer = await SELF.fetch(`${ORIGIN}${path}`, {
				method: 'POST',
				headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
				body: JSON.stringify({ username: USER_OF.officer, password: 'reunion-demo' })
			});
			expect(answer.status, path).toBe(403);
			expect(answer.headers.get('Set-Cookie'), path).toBeNull();
		}
	});
});

describe('sessions', () => {
	const me = (cookie: string) => policeFetch(cookie, 'GET', '/api/auth/me');
	const tokenHash = (cookie: string) => sha256Base64Url(cookie.slice(cookie.indexOf('=') + 1));

	it('the cookie is __Host-, HttpOnly, Secure and SameSite=Strict', async () => {
		const answer = await SELF.fetch(`${ORIGIN}/api/auth/login`, {
			method: 'POST',
			headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'CF-Connecting-IP': '10.77.0.1' },
			body: JSON.stringify({ username: USER_OF.officer, password: 'reunion-demo' })
		});
		const cookie = answer.headers.get('Set-Cookie') ?? '';
		expect(cookie).toMatch(/^__Host-reunion_session=/);
		for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']) expect(cookie).toContain(flag);
		expect(cookie).not.toMatch(/Domain=/i);
	});

	it('signing out ends the session on the server, not only in the browser', async () => {
		const cookie = await login(USER_OF.officer);
		expect((await me(cookie)).status).toBe(200);
		const out = await policeFetch(cookie, 'POST', '/api/auth/logout', {});
		expect(out.status).toBe(204);
		// The old cookie, replayed, is worth nothing.
		expect((await me(cookie)).status).toBe(401);
		expect((await policeFetch(cookie, 'GET', '/api/police/cases')).status).toBe(401);
	});

	it('a session idle for 30 minutes, or past its 12 hours, is over', async () => {
		const now = Math.floor(Date.now() / 1000);
		const idle = await login(USER_OF.officer);
		await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?')
			.bind(now - 31 * 60, await tokenHash(idle))
			.run();
		expect((await me(idle)).status).toBe(401);
		const old = await login(USER_OF.officer);
		await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?')
			.bind(now - 1, await tokenHash(old))
			.run();
		expect((await me(old)).status).toBe(401);
	});

	it('a made-up or tampered cookie is 401 with the error shape', async () => {
		const real = await login(USER_OF.officer);
		for (const cookie of [
			'__Host-reunion_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
			`${real}x`,
			'__Host-reunion_session=',
			`__Host-reunion_session=${'a'.repeat(5000)}`
		]) {
			const answer = await me(cookie);
			expect(answer.status).toBe(401);
			await expectErrorShape(answer);
		}
	});
});
