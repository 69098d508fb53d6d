import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS, hashPassword, verifyPassword } from '../../functions/auth/password';
import { claimAttempt, delayAfter, FREE_FAILURES } from '../../functions/db/sign-in-failures';
import { errorOf } from './helpers/requests';
import { login, ORIGIN, policeFetch } from './helpers/police';
import { SELF } from 'cloudflare:test';

async function loginAs(username: string, password: string, address = '10.77.0.1'): Promise<Response> {
	return SELF.fetch(`${ORIGIN}/api/auth/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'CF-Connecting-IP': address },
		body: JSON.stringify({ username, password })
	});
}

describe('accounts', () => {
	it('hashes passwords with PBKDF2-SHA-256 at the 100,000 iterations production Workers accept', async () => {
		expect(PBKDF2_ITERATIONS).toBe(100_000);
		const hash = await hashPassword('correct horse battery');
		expect(hash).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
		expect(await verifyPassword('correct horse battery', hash)).toBe(true);
		expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
	});

	it('lets an admin create a user who can then sign in; disabling ends that user’s sessions at once', async () => {
		const admin = await login('demo-admin');
		const created = await policeFetch(admin, 'POST', '/api/police/users', {
			username: 'officer-li',
			displayName: '李警官',
			role: 'officer',
			password: 'a long enough secret'
		});
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };
		expect(
			(
				await policeFetch(admin, 'POST', '/api/police/users', {
					username: 'officer-li',
					displayName: 'x',
					role: 'officer',
					password: 'another long secret'
				})
			).status
		).toBe(409);

		const signedIn = await loginAs('officer-li', 'a long enough secret');
		expect(signedIn.status).toBe(200);
		const cookie = (signedIn.headers.get('Set-Cookie') ?? '').split(';')[0]!;
		expect((await policeFetch(cookie, 'GET', '/api/auth/me')).status).toBe(200);

		expect((await policeFetch(admin, 'PATCH', `/api/police/users/${id}`, { disabled: true })).status).toBe(
			200
		);
		expect((await policeFetch(cookie, 'GET', '/api/auth/me')).status).toBe(401);
		expect((await loginAs('officer-li', 'a long enough secret')).status).toBe(401);
		const actions = await env.DB.prepare(
			`SELECT action FROM audit_log WHERE action LIKE 'user_%' ORDER BY id`
		).all<{ action: string }>();
		expect(actions.results.map((r) => r.action)).toEqual(['user_create', 'user_change']);
	});

	it('refuses short passwords and bad usernames, and an admin demoting themself', async () => {
		const admin = await login('demo-admin');
		const short = await policeFetch(admin, 'POST', '/api/police/users', {
			username: 'x1x',
			displayName: 'x',
			role: 'officer',
			password: 'short'
		});
		expect(await errorOf(short)).toMatchObject({ code: 'validation_failed', field: 'password' });
		const bad = await policeFetch(admin, 'POST', '/api/police/users', {
			username: 'Robert"); DROP',
			displayName: 'x',
			role: 'officer',
			password: 'a long enough secret'
		});
		expect(await errorOf(bad)).toMatchObject({ code: 'validation_failed', field: 'username' });
		expect(
			(await policeFetch(admin, 'PATCH', '/api/police/users/demo-admin', { role: 'officer' })).status
		).toBe(409);
	});
});

describe('sessions', () => {
	it('ends after 30 idle minutes and after 12 hours in all, and stores only a hash of the token', async () => {
		const cookie = await login('demo-officer');
		const token = decodeURIComponent(cookie.split('=')[1]!);
		expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits, base64url
		const stored = await env.DB.prepare('SELECT token_hash FROM sessions').all<{ token_hash: string }>();
		expect(stored.results.map((r) => r.token_hash)).not.toContain(token);

		const now = Math.floor(Date.now() / 1000);
		await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE last_seen_at >= ?')
			.bind(now - 31 * 60, now - 5)
			.run();
		expect((await policeFetch(cookie, 'GET', '/api/auth/me')).status).toBe(401);

		const second = await login('demo-officer');
		await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE created_at >= ?')
			.bind(now - 1, now - 5)
			.run();
		expect((await policeFetch(second, 'GET', '/api/auth/me')).status).toBe(401);
	});

	it('signs out: the session ends at once and the audit log says so', async () => {
		const cookie = await login('demo-officer');
		expect((await policeFetch(cookie, 'POST', '/api/auth/logout')).status).toBe(204);
		expect((await policeFetch(cookie, 'GET', '/api/auth/me')).status).toBe(401);
		const last = await env.DB.prepare(
			`SELECT action, username FROM audit_log ORDER BY id DESC LIMIT 1`
		).first<{ action: string; username: string }>();
		expect(last).toEqual({ action: 'sign_out', username: 'demo-officer' });
	});

	it('throttles repeated bad passwords with 429 and Retry-After, with one message for every cause', async () => {
		const statuses: number[] = [];
		let last: Response | undefined;
		for (let i = 0; i < 6; i++) {
			last = await loginAs('demo-approver', 'wrong password', '10.88.0.1');
			statuses.push(last.status);
		}
		expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
		expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThan(0);
		// Another address is not held up: an attacker cannot keep the approver out of their own station.
		expect((await loginAs('demo-approver', 'reunion-demo', '10.88.0.9')).status).toBe(200);

		// The delay grows rather than locking out: once the wait has passed, one more try is allowed …
		await env.DB.prepare(`UPDATE sign_in_failures SET last_at = last_at - 16 WHERE failures = 5`).run();
		expect((await loginAs('demo-approver', 'wrong password', '10.88.0.1')).status).toBe(401);
		const next = await loginAs('demo-approver', 'reunion-demo', '10.88.0.1');
		expect(next.status).toBe(429);
		// … and the sixth failure doubles the wait.
		expect(Number(next.headers.get('Retry-After'))).toBeGreaterThan(15);
		await env.DB.prepare(`UPDATE sign_in_failures SET last_at = last_at - 31 WHERE failures = 6`).run();
		expect((await loginAs('demo-approver', 'reunion-demo', '10.88.0.1')).status).toBe(200);
		// A success clears the slate.
		const left = await env.DB.prepare(
			`SELECT count(*) AS n FROM sign_in_failures WHERE failures >= 5`
		).first<{
			n: number;
		}>();
		expect(left!.n).toBe(0);

		const unknown = await errorOf(await loginAs('nobody-here', 'whatever it is', '10.88.0.2'));
		const wrong = await errorOf(await loginAs('demo-officer', 'whatever it is', '10.88.0.3'));
		expect(unknown.message).toBe(wrong.message);
	});

	it('counts every address of one IPv6 /64 as one client, so a fresh address does not reset the delay', async () => {
		for (let i = 1; i <= 5; i++) await loginAs('demo-officer', 'wrong password', `2001:db8:77:1::${i}`);
		const held = await loginAs('demo-officer', 'reunion-demo', '2001:db8:77:1:ffff::42');
		expect(held.status).toBe(429);
		expect((await loginAs('demo-officer', 'reunion-demo', '2001:db8:77:2::1')).status).toBe(200);
	});

	it('lets only the free attempts through when guesses arrive all at once', async () => {
		const guesses = await Promise.all(
			Array.from({ length: 12 }, () => loginAs('demo-approver', 'wrong password', '10.88.5.5'))
		);
		const statuses = guesses.map((r) => r.status).sort();
		expect(statuses.filter((s) => s === 401)).toHaveLength(FREE_FAILURES);
		expect(statuses.filter((s) => s === 429)).toHaveLength(12 - FREE_FAILURES);
	});

	it('waits in SQL exactly as delayAfter says, from the first delayed try to the cap', async () => {
		const now = Math.floor(Date.now() / 1000);
		for (let failures = FREE_FAILURES; failures <= FREE_FAILURES + 8; failures++) {
			const bucket = `probe:${failures}`;
			const wait = delayAfter(failures);
			await env.DB.prepare(`INSERT INTO sign_in_failures (bucket, failures, last_at) VALUES (?, ?, ?)`)
				.bind(bucket, failures, now - wait + 1)
				.run();
			expect(await claimAttempt(env.DB, bucket, now)).toBe(false);
			expect(await claimAttempt(env.DB, bucket, now + 1)).toBe(true);
		}
	});
});
