import type { Context } from 'hono';
import { withAudit, type AuditStore } from '../../db/audit';
import { hitRateLimit } from '../../db/rate-limits';
import { claimAttempt, clearFailures, recordFailure, secondsToWait } from '../../db/sign-in-failures';
import { createSession, type SignInFactor } from '../../db/sessions';
import type { User } from '../../db/users';
import type { Env } from '../../env';
import { rateLimited } from '../http/errors';
import { setSessionCookie } from './session';

const WINDOW_SECONDS = 900;
/** Per address it stops spraying across accounts; guessing one account meets growing delays instead. */
export const ADDRESS_LIMIT = 30;

function accountBucket(username: string, address: string): string {
	return `login:${username}:${address}`;
}

const tooMany = (retryAfterSeconds: number) =>
	rateLimited('Too many sign-in attempts. Wait and try again.', retryAfterSeconds);

/**
 * 429 with Retry-After while this address is over its volume or this account+address must still wait; with a
 * username, the attempt is counted as a failure until the sign-in succeeds.
 */
export async function throttleSignIn(
	env: Pick<Env, 'DB' | 'SIGN_IN_ADDRESS_LIMIT'>,
	address: string,
	username?: string
): Promise<void> {
	const now = new Date();
	const addressLimit = Number(env.SIGN_IN_ADDRESS_LIMIT) || ADDRESS_LIMIT;
	const volume = await hitRateLimit(env.DB, `login:${address}`, addressLimit, WINDOW_SECONDS, now);
	if (!volume.allowed) throw tooMany(volume.retryAfterSeconds);
	if (username === undefined) return;
	const bucket = accountBucket(username, address);
	const nowSeconds = Math.floor(now.getTime() / 1000);
	if (!(await claimAttempt(env.DB, bucket, nowSeconds)))
		throw tooMany(await secondsToWait(env.DB, bucket, nowSeconds));
}

/** Audits the failure and, when the account is known by name, makes its next attempt from here wait longer. */
export async function signInFailed(
	env: AuditStore,
	address: string,
	username: string | null,
	factor: SignInFactor,
	userId: string | null = null
): Promise<void> {
	// A password attempt was counted when throttleSignIn claimed it; a passkey names its account only now.
	if (username !== null && factor !== 'password')
		await recordFailure(env.DB, accountBucket(username, address), Math.floor(Date.now() / 1000));
	await withAudit(
		env,
		{ userId, username, action: 'sign_in_failed', ipHash: address, detail: { factor } },
		[]
	);
}

/** A new token at every sign-in (no session fixation), audited with the factor used. */
export async function openSession<E extends { Bindings: Env }>(
	c: Context<E>,
	user: User,
	factor: SignInFactor,
	address: string
): Promise<void> {
	await withAudit(
		c.env,
		// The user's unit reads it (its admins see their officers' sign-ins).
		{
			userId: user.id,
			username: user.username,
			action: 'sign_in',
			ipHash: address,
			detail: { factor },
			unitId: user.unitId
		},
		[]
	);
	await clearFailures(c.env.DB, accountBucket(user.username, address));
	const token = await createSession(c.env.DB, user.id, Math.floor(Date.now() / 1000), factor);
	setSessionCookie(c, token);
}
