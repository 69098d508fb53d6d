import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ABSOLUTE_SECONDS, validateSession } from '../db/sessions';
import { hasRole, type Role, type User } from '../db/users';
import type { Env } from '../env';
import { ApiError } from './errors';

/** API.md: the `__Host-` prefix pins the cookie to this origin (Secure, Path=/, no Domain). */
export const SESSION_COOKIE = '__Host-reunion_session';

export type PoliceEnv = { Bindings: Env; Variables: { user: User; sessionToken: string } };

export function setSessionCookie(c: Context, token: string): void {
	setCookie(c, SESSION_COOKIE, token, {
		httpOnly: true,
		secure: true,
		sameSite: 'Strict',
		path: '/',
		maxAge: ABSOLUTE_SECONDS
	});
}

export function clearSessionCookie(c: Context): void {
	deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
}

/** 401 without a valid session, 403 with too small a role (API.md "Police"). */
export function requireRole(role: Role) {
	return createMiddleware<PoliceEnv>(async (c, next) => {
		const token = getCookie(c, SESSION_COOKIE);
		const user = token ? await validateSession(c.env.DB, token, Math.floor(Date.now() / 1000)) : null;
		if (!token || !user) throw new ApiError('unauthenticated', 'Sign in to continue.');
		if (!hasRole(user, role)) throw new ApiError('forbidden', `This needs the ${role} role.`);
		c.set('user', user);
		c.set('sessionToken', token);
		await next();
	});
}

/** State-changing police requests must come from this site's own pages (API.md), which also stops CSRF. */
export const sameOrigin = createMiddleware<{ Bindings: Env }>(async (c, next) => {
	if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
		const origin = c.req.header('origin');
		if (!origin || origin !== new URL(c.req.url).origin) {
			throw new ApiError('cross_origin', 'This request must come from the Reunion site itself.');
		}
	}
	await next();
});
