// Local mode's demo users and case events (functions/dev/demo-data.ts): idempotent inserts that never overwrite.

const COUNT_DEMO_USERS = `SELECT COUNT(*) AS n FROM users WHERE demo = 1`;
const INSERT_DEMO_USER = `INSERT INTO users (id, username, display_name, role, password_hash, demo, unit_id, created_at,
	updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;
const INSERT_DEMO_EVENT = `INSERT INTO case_events (case_id, kind, text, created_by, created_at)
	SELECT ?, ?, ?, 'demo-officer', ? WHERE NOT EXISTS (SELECT 1 FROM case_events WHERE case_id = ? AND kind = ?)`;

export interface DemoUser {
	id: string;
	username: string;
	displayName: string;
	role: string;
	unitId: string;
}

export async function countDemoUsers(db: D1Database): Promise<number> {
	return (await db.prepare(COUNT_DEMO_USERS).first<{ n: number }>())?.n ?? 0;
}

export function insertDemoUserStatement(
	db: D1Database,
	user: DemoUser,
	passwordHash: string,
	now: Date
): D1PreparedStatement {
	const at = now.toISOString();
	return db
		.prepare(INSERT_DEMO_USER)
		.bind(user.id, user.username, user.displayName, user.role, passwordHash, user.unitId, at, at);
}

/** One event of a kind per demo case: a second seeding adds nothing. */
export function insertDemoEventStatement(
	db: D1Database,
	caseId: string,
	event: { kind: string; text: string; at: string }
): D1PreparedStatement {
	return db.prepare(INSERT_DEMO_EVENT).bind(caseId, event.kind, event.text, event.at, caseId, event.kind);
}
