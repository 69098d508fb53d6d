import { Hono } from 'hono';
import { getUnitName } from '../../db/units';
import { getCookie } from 'hono/cookie';
import { loginSchema } from '../../../src/lib/schemas';
import { failPasswordCheck, verifyPassword } from '../../auth/password';
import { withAudit } from '../../db/audit';
import { deleteSession, validateSession } from '../../db/sessions';
import { findUserForLogin } from '../../db/users';
import type { Env } from '../../env';
import { hashedClientAddress } from '../http/client';
import { ApiError } from '../http/errors';
import { passkeys } from './passkeys';
import { clearSessionCookie, requireRole, sameOrigin, SESSION_COOKIE } from './session';
import { signInFailed, openSession, throttleSignIn } from './sign-in';
import { jsonBody } from '../http/validate';

// Same answer for every cause, so a caller cannot learn which usernames exist.
const BAD_CREDENTIALS = 'The username or password is wrong, or the account is disabled.';

export const auth = new Hono<{ Bindings: Env }>()
	.use(sameOrigin)
	.route('/passkeys', passkeys)
	.post('/login', jsonBody(loginSchema), async (c) => {
		const { username, password } = c.get('body');
		const address = await hashedClientAddress(c);
		await throttleSignIn(c.env, address, username);
		const user = await findUserForLogin(c.env.DB, username);
		const ok =
			user?.passwordHash && !user.disabled
				? await verifyPassword(password, user.passwordHash)
				: await failPasswordCheck(password);
		if (!user || !ok) {
			await signInFailed(c.env, address, username, 'password', user?.id ?? null);
			throw new ApiError('unauthenticated', BAD_CREDENTIALS);
		}
		await openSession(c, user, 'password', address);
		return c.json({ user: { id: user.id, username: user.username, role: user.role } });
	})
	.post('/logout', async (c) => {
		const token = getCookie(c, SESSION_COOKIE);
		const session = token ? await validateSession(c.env.DB, token, Math.floor(Date.now() / 1000)) : null;
		if (token) await deleteSession(c.env.DB, token);
		if (session) {
			const { user } = session;
			const ipHash = await hashedClientAddress(c);
			const entry = {
				userId: user.id,
				username: user.username,
				action: 'sign_out',
				ipHash,
				unitId: user.unitId
			};
			await withAudit(c.env, entry, []);
		}
		clearSessionCookie(c);
		return c.body(null, 204);
	})
	.get('/me', requireRole('officer'), async (c) => {
		const user = c.get('user');
		const role = c.get('assignedRole');
		const factor = c.get('factor');
		return c.json({
			user: {
				id: user.id,
				username: user.username,
				role,
				unit: (await getUnitName(c.env.DB, user.unitId)) ?? undefined
			},
			factor,
			// The console asks for a passkey when the account's role is larger than what this session may do.
			passkeyRequired: user.role !== role
		});
	});
