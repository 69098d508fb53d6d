import type { Context } from 'hono';
import { withAudit } from '../db/audit';
import { hitRateLimit } from '../db/rate-limits';
import { createSession, type SignInFactor } from '../db/sessions';
import type { User } from '../db/users';
import type { Env } from '../env';
import { ApiError } from './errors';
import { setSessionCookie } from './session';

const WINDOW_SECONDS = 900;
/** Per account+address it stops guessing; per address it stops spraying; neither locks an approver out elsewhere. */
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 30;

/** Counts one sign-in attempt in each bucket; 429 with Retry-After once any bucket is full. */
export async function throttleSignIn(
	env: Pick<Env, 'DB' | 'SIGN_IN_ADDRESS_LIMIT'>,
	address: string,
	username?: string
): Promise<void> {
	const db = env.DB;
	const addressLimit = Number(env.SIGN_IN_ADDRESS_LIMIT) || ADDRESS_LIMIT;
	const buckets: [string, number][] = [[`login:${address}`, addressLimit]];
	if (username !== undefined) buckets.unshift([`login:${username}:${address}`, ACCOUNT_LIMIT]);
	const now = new Date();
	for (const [bucket, limit] of buckets) {
		const verdict = await hitRateLimit(db, bucket, limit, WINDOW_SECONDS, now);
		if (!verdict.allowed) {
			throw new ApiError('rate_limited', 'Too many sign-in attempts. Wait and try again.', {
				headers: { 'Retry-After': String(verdict.retryAfterSeconds) }
			});
		}
	}
}

export async function auditFailedSignIn(
	db: D1Database,
	address: string,
	username: string | null,
	factor: SignInFactor,
	userId: string | null = null
): Promise<void> {
	await withAudit(
		db,
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
		c.env.DB,
		{ userId: user.id, username: user.username, action: 'sign_in', ipHash: address, detail: { factor } },
		[]
	);
	const token = await createSession(c.env.DB, user.id, Math.floor(Date.now() / 1000), factor);
	setSessionCookie(c, token);
}
