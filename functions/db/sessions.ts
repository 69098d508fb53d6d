import { randomId, sha256Base64Url } from '../lib/hash';
import { toUser, type Role, type User } from './users';

/** Idle timeout 30 min, absolute 12 h (issue: police console; OWASP ASVS 3.3). */
export const IDLE_SECONDS = 30 * 60;
export const ABSOLUTE_SECONDS = 12 * 60 * 60;

const INSERT = `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, factor) VALUES (?, ?, ?, ?, ?, ?)`;
const LOOKUP = `SELECT s.token_hash, s.last_seen_at, s.expires_at, s.factor, u.id, u.username, u.display_name, u.role, u.disabled,
	u.unit_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`;
const TOUCH = `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`;
const DELETE = `DELETE FROM sessions WHERE token_hash = ?`;

/** How a session was opened (migration 0007): approvers and admins need a passkey outside local mode. */
export type SignInFactor = 'password' | 'passkey';

export interface Session {
	user: User;
	factor: SignInFactor;
}

interface SessionRow {
	token_hash: string;
	factor: SignInFactor;
	last_seen_at: number;
	expires_at: number;
	id: string;
	username: string;
	display_name: string;
	role: Role;
	disabled: number;
	unit_id: string;
}

/** A new ≥ 128-bit random token; only its SHA-256 is stored. */
export async function createSession(
	db: D1Database,
	userId: string,
	nowSeconds: number,
	factor: SignInFactor
): Promise<string> {
	const token = randomId(32);
	await db
		.prepare(INSERT)
		.bind(await sha256Base64Url(token), userId, nowSeconds, nowSeconds, nowSeconds + ABSOLUTE_SECONDS, factor)
		.run();
	return token;
}

/** The session's user and factor, or null when unknown, idle too long, past its absolute limit, or the user is disabled. */
export async function validateSession(
	db: D1Database,
	token: string,
	nowSeconds: number
): Promise<Session | null> {
	const hash = await sha256Base64Url(token);
	const row = await db.prepare(LOOKUP).bind(hash).first<SessionRow>();
	if (!row) return null;
	const expired = nowSeconds >= row.expires_at || nowSeconds - row.last_seen_at >= IDLE_SECONDS;
	if (expired || row.disabled === 1) {
		await db.prepare(DELETE).bind(hash).run();
		return null;
	}
	// Writing on every request would load D1 for nothing: a minute's precision is enough for a 30-minute limit.
	if (nowSeconds - row.last_seen_at >= 60) await db.prepare(TOUCH).bind(nowSeconds, hash).run();
	return { user: toUser(row), factor: row.factor };
}

export async function deleteSession(db: D1Database, token: string): Promise<void> {
	await db
		.prepare(DELETE)
		.bind(await sha256Base64Url(token))
		.run();
}
