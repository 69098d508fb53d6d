import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ABSOLUTE_SECONDS, validateSession, type SignInFactor } from '../../db/sessions';
import { hasRole, type Role, type User } from '../../db/users';
import { isLocalMode, type Env } from '../../env';
import { ApiError } from '../http/errors';

/** API.md: the `__Host-` prefix pins the cookie to this origin (Secure, Path=/, no Domain). */
export const SESSION_COOKIE = '__Host-reunion_session';

export type PoliceEnv = {
	Bindings: Env;
	/** `user.role` is what this session may do; `assignedRole` is the account's role (they differ without a passkey). */
	Variables: { user: User; sessionToken: string; factor: SignInFactor; assignedRole: Role };
};

/**
 * Outside local mode an approver's or admin's powers need a passkey session: a stolen password alone must not
 * publish a mass alert. With a password they act as an officer, which is enough to register their first passkey.
 */
export function sessionRole(user: User, factor: SignInFactor, env: Pick<Env, 'REUNION_LOCAL'>): Role {
	return passkeyMissing(factor, env) ? 'officer' : user.role;
}

/** Whether this session lacks the passkey that powers beyond an officer's need (local mode waives it). */
export function passkeyMissing(factor: SignInFactor, env: Pick<Env, 'REUNION_LOCAL'>): boolean {
	return factor !== 'passkey' && !isLocalMode(env);
}

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

/** Why a session may not do something: it lacks the role, or it has the role but no passkey sign-in. */
export function roleError(assignedRole: Role, needed: Role): ApiError {
	if (hasRole({ role: assignedRole }, needed))
		return new ApiError(
			'passkey_required',
			'Sign in with your passkey to use the approver and admin powers.'
		);
	return new ApiError('forbidden', `This needs the ${needed} role.`);
}

/** 401 without a valid session, 403 with too small a role (API.md "Police"). */
export function requireRole(role: Role) {
	return createMiddleware<PoliceEnv>(async (c, next) => {
		const token = getCookie(c, SESSION_COOKIE);
		const session = token ? await validateSession(c.env.DB, token, Math.floor(Date.now() / 1000)) : null;
		if (!token || !session) throw new ApiError('unauthenticated', 'Sign in to continue.');
		const { user, factor } = session;
		const allowed = sessionRole(user, factor, c.env);
		if (!hasRole({ role: allowed }, role)) throw roleError(user.role, role);
		c.set('user', { ...user, role: allowed });
		c.set('assignedRole', user.role);
		c.set('factor', factor);
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
