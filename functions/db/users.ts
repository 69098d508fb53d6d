import type { AdminUser } from '../../src/lib/schemas';

export type Role = AdminUser['role'];
/** A police user as every police route sees one (and GET /api/police/users lists them). */
export type User = AdminUser;

interface UserRow {
	id: string;
	username: string;
	display_name: string;
	role: Role;
	disabled: number;
	password_hash: string | null;
	unit_id: string;
}

// A user counts as disabled for signing in when their own unit or any unit above it is disabled (API.md
// "Police units": a disabled unit's users cannot sign in); the walk up is a recursive CTE over parent_id.
const SIGN_IN_COLUMNS = `id, username, display_name, role, unit_id, disabled OR EXISTS (
	WITH RECURSIVE up(id) AS (SELECT users.unit_id UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id
		WHERE u.parent_id IS NOT NULL)
	SELECT 1 FROM units JOIN up ON units.id = up.id WHERE units.disabled = 1) AS disabled`;
const BY_USERNAME = `SELECT ${SIGN_IN_COLUMNS}, password_hash FROM users WHERE username = ?`;

export async function findUserForLogin(
	db: D1Database,
	username: string
): Promise<(User & { passwordHash: string | null }) | null> {
	const row = await db.prepare(BY_USERNAME).bind(username).first<UserRow>();
	return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

/** A user by id (a passkey's owner, an admin's target); `disabled` includes a disabled unit as for findUserForLogin. */
export async function findUserById(db: D1Database, id: string): Promise<User | null> {
	const row = await db
		.prepare(`SELECT ${SIGN_IN_COLUMNS} FROM users WHERE id = ?`)
		.bind(id)
		.first<Omit<UserRow, 'password_hash'>>();
	return row ? toUser(row) : null;
}

export function toUser(row: Omit<UserRow, 'password_hash'>): User {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		disabled: row.disabled === 1,
		unitId: row.unit_id
	};
}

/** Roles are cumulative (API.md): an admin can do what an approver can, an approver what an officer can. */
export const ROLE_RANK: Record<Role, number> = { officer: 1, approver: 2, admin: 3 };

export function hasRole(user: Pick<User, 'role'>, needed: Role): boolean {
	return ROLE_RANK[user.role] >= ROLE_RANK[needed];
}

// ?1 = a JSON list of unit ids (an admin's subtree) or NULL for every user.
const LIST = `SELECT id, username, display_name, role, disabled, unit_id FROM users
	WHERE ?1 IS NULL OR unit_id IN (SELECT value FROM json_each(?1)) ORDER BY username`;
const INSERT = `INSERT INTO users (id, username, display_name, role, password_hash, unit_id, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const END_SESSIONS = `DELETE FROM sessions WHERE user_id = ?`;
// ?1 = a JSON list of unit ids: a unit being disabled and every unit below it.
const END_UNIT_SESSIONS = `DELETE FROM sessions WHERE user_id IN
	(SELECT id FROM users WHERE unit_id IN (SELECT value FROM json_each(?1)))`;

export async function listUsers(db: D1Database, unitIds?: readonly string[]): Promise<User[]> {
	const { results } = await db
		.prepare(LIST)
		.bind(unitIds ? JSON.stringify(unitIds) : null)
		.all<Omit<UserRow, 'password_hash'>>();
	return results.map(toUser);
}

export function insertUserStatement(
	db: D1Database,
	user: {
		id: string;
		username: string;
		displayName: string;
		role: Role;
		passwordHash: string;
		unitId: string;
	},
	now: Date
): D1PreparedStatement {
	const at = now.toISOString();
	return db
		.prepare(INSERT)
		.bind(user.id, user.username, user.displayName, user.role, user.passwordHash, user.unitId, at, at);
}

/** Column names are fixed here; only values come from the request. */
export function updateUserStatement(
	db: D1Database,
	id: string,
	patch: { role?: Role; disabled?: boolean; passwordHash?: string; displayName?: string; unitId?: string },
	now: Date
): D1PreparedStatement {
	return db
		.prepare(
			`UPDATE users SET role = coalesce(?1, role), disabled = coalesce(?2, disabled), password_hash = coalesce(?3, password_hash),
				display_name = coalesce(?4, display_name), unit_id = coalesce(?7, unit_id), updated_at = ?5 WHERE id = ?6`
		)
		.bind(
			patch.role ?? null,
			patch.disabled === undefined ? null : patch.disabled ? 1 : 0,
			patch.passwordHash ?? null,
			patch.displayName ?? null,
			now.toISOString(),
			id,
			patch.unitId ?? null
		);
}

/** Disabling a user or resetting a password ends every session at once (sessions are checked per request). */
export function endSessionsStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db.prepare(END_SESSIONS).bind(userId);
}

/** Disabling a unit ends the sessions of every user in it and below it (sign-in then refuses them too). */
export function endUnitSessionsStatement(db: D1Database, unitIds: readonly string[]): D1PreparedStatement {
	return db.prepare(END_UNIT_SESSIONS).bind(JSON.stringify(unitIds));
}
