export type Role = 'officer' | 'approver' | 'admin';

export interface User {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	disabled: boolean;
}

interface UserRow {
	id: string;
	username: string;
	display_name: string;
	role: Role;
	disabled: number;
	password_hash: string | null;
}

const BY_USERNAME = `SELECT id, username, display_name, role, disabled, password_hash FROM users WHERE username = ?`;

export async function findUserForLogin(
	db: D1Database,
	username: string
): Promise<(User & { passwordHash: string | null }) | null> {
	const row = await db.prepare(BY_USERNAME).bind(username).first<UserRow>();
	return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export function toUser(row: Omit<UserRow, 'password_hash'>): User {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		disabled: row.disabled === 1
	};
}

/** Roles are cumulative (API.md): an admin can do what an approver can, an approver what an officer can. */
export const ROLE_RANK: Record<Role, number> = { officer: 1, approver: 2, admin: 3 };

export function hasRole(user: Pick<User, 'role'>, needed: Role): boolean {
	return ROLE_RANK[user.role] >= ROLE_RANK[needed];
}
