import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { verifyPassword } from '../auth/password';
import { withAudit } from '../db/audit';
import { hitRateLimit } from '../db/rate-limits';
import { createSession, deleteSession } from '../db/sessions';
import { findUserForLogin } from '../db/users';
import type { Env } from '../env';
import { hashedClientAddress } from './client';
import { ApiError } from './errors';
import { clearSessionCookie, requireRole, sameOrigin, SESSION_COOKIE, setSessionCookie } from './session';
import { jsonBody } from './validate';

const loginSchema = z.object({
	username: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(256)
});

// Same answer for every cause, so a caller cannot learn which usernames exist.
const BAD_CREDENTIALS = 'The username or password is wrong, or the account is disabled.';
const WINDOW_SECONDS = 900;

export const auth = new Hono<{ Bindings: Env }>()
	.use(sameOrigin)
	.post('/login', jsonBody(loginSchema), async (c) => {
		const { username, password } = c.get('body');
		const address = await hashedClientAddress(c);
		const now = new Date();
		for (const [bucket, limit] of [
			[`login:${username}:${address}`, 5],
			[`login:${address}`, 30]
		] as const) {
			const verdict = await hitRateLimit(c.env.DB, bucket, limit, WINDOW_SECONDS, now);
			if (!verdict.allowed) {
				throw new ApiError('rate_limited', 'Too many sign-in attempts. Wait and try again.', {
					headers: { 'Retry-After': String(verdict.retryAfterSeconds) }
				});
			}
		}
		const user = await findUserForLogin(c.env.DB, username);
		const ok =
			user?.passwordHash && !user.disabled ? await verifyPassword(password, user.passwordHash) : false;
		const entry = { userId: user?.id ?? null, username, ipHash: address };
		if (!user || !ok) {
			await withAudit(c.env.DB, { ...entry, action: 'sign_in_failed' }, []);
			throw new ApiError('unauthenticated', BAD_CREDENTIALS);
		}
		await withAudit(c.env.DB, { ...entry, action: 'sign_in' }, []);
		setSessionCookie(c, await createSession(c.env.DB, user.id, Math.floor(now.getTime() / 1000)));
		return c.json({ user: { id: user.id, username: user.username, role: user.role } });
	})
	.post('/logout', async (c) => {
		const token = getCookie(c, SESSION_COOKIE);
		if (token) await deleteSession(c.env.DB, token);
		clearSessionCookie(c);
		return c.body(null, 204);
	})
	.get('/me', requireRole('officer'), (c) => {
		const user = c.get('user');
		return c.json({ user: { id: user.id, username: user.username, role: user.role } });
	});
