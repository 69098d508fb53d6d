import { decodeBase64Url, encodeBase64Url } from '../lib/base64url';

export interface Passkey {
	id: string;
	userId: string;
	publicKey: Uint8Array<ArrayBuffer>;
	counter: number;
	transports: string[];
	name: string;
	createdAt: string;
	lastUsedAt: string | null;
}

interface PasskeyRow {
	id: string;
	user_id: string;
	public_key: string;
	counter: number;
	transports: string | null;
	name: string;
	created_at: string;
	last_used_at: string | null;
}

const COLUMNS = `id, user_id, public_key, counter, transports, name, created_at, last_used_at`;
const INSERT = `INSERT INTO passkeys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`;
const BY_ID = `SELECT ${COLUMNS} FROM passkeys WHERE id = ?`;
const BY_USER = `SELECT ${COLUMNS} FROM passkeys WHERE user_id = ? ORDER BY created_at`;
// The counter only moves forward, so a cloned authenticator replaying an old count loses the race.
const USED = `UPDATE passkeys SET counter = ?1, last_used_at = ?2 WHERE id = ?3 AND (counter < ?1 OR ?1 = 0)`;
const DELETE = `DELETE FROM passkeys WHERE id = ? AND user_id = ?`;

function toPasskey(row: PasskeyRow): Passkey {
	return {
		id: row.id,
		userId: row.user_id,
		publicKey: decodeBase64Url(row.public_key),
		counter: row.counter,
		transports: row.transports ? (JSON.parse(row.transports) as string[]) : [],
		name: row.name,
		createdAt: row.created_at,
		lastUsedAt: row.last_used_at
	};
}

export function insertPasskeyStatement(
	db: D1Database,
	passkey: Omit<Passkey, 'lastUsedAt'>
): D1PreparedStatement {
	return db
		.prepare(INSERT)
		.bind(
			passkey.id,
			passkey.userId,
			encodeBase64Url(passkey.publicKey),
			passkey.counter,
			JSON.stringify(passkey.transports),
			passkey.name,
			passkey.createdAt
		);
}

export async function findPasskey(db: D1Database, id: string): Promise<Passkey | null> {
	const row = await db.prepare(BY_ID).bind(id).first<PasskeyRow>();
	return row ? toPasskey(row) : null;
}

export async function listPasskeys(db: D1Database, userId: string): Promise<Passkey[]> {
	const { results } = await db.prepare(BY_USER).bind(userId).all<PasskeyRow>();
	return results.map(toPasskey);
}

export function passkeyUsedStatement(
	db: D1Database,
	id: string,
	counter: number,
	now: Date
): D1PreparedStatement {
	return db.prepare(USED).bind(counter, now.toISOString(), id);
}

export function deletePasskeyStatement(db: D1Database, id: string, userId: string): D1PreparedStatement {
	return db.prepare(DELETE).bind(id, userId);
}

const CHALLENGE_SECONDS = 300;
const PUT_CHALLENGE = `INSERT INTO webauthn_challenges (id, challenge, purpose, user_id, expires_at) VALUES (?, ?, ?, ?, ?)`;
// Deleting while reading makes each challenge single-use, even for two requests racing with one cookie.
const TAKE_CHALLENGE = `DELETE FROM webauthn_challenges WHERE id = ?1 AND purpose = ?2 AND expires_at > ?3
	RETURNING challenge, user_id`;
const PRUNE_CHALLENGES = `DELETE FROM webauthn_challenges WHERE expires_at <= ?`;

export type CeremonyPurpose = 'register' | 'sign_in';

export async function putChallenge(
	db: D1Database,
	id: string,
	challenge: string,
	purpose: CeremonyPurpose,
	userId: string | null,
	now: Date
): Promise<void> {
	const expiresAt = Math.floor(now.getTime() / 1000) + CHALLENGE_SECONDS;
	await db.prepare(PUT_CHALLENGE).bind(id, challenge, purpose, userId, expiresAt).run();
}

export async function takeChallenge(
	db: D1Database,
	id: string,
	purpose: CeremonyPurpose,
	now: Date
): Promise<{ challenge: string; userId: string | null } | null> {
	const row = await db
		.prepare(TAKE_CHALLENGE)
		.bind(id, purpose, Math.floor(now.getTime() / 1000))
		.first<{ challenge: string; user_id: string | null }>();
	return row ? { challenge: row.challenge, userId: row.user_id } : null;
}

export async function pruneChallenges(db: D1Database, now: Date): Promise<void> {
	await db
		.prepare(PRUNE_CHALLENGES)
		.bind(Math.floor(now.getTime() / 1000))
		.run();
}

export { CHALLENGE_SECONDS };
