const GET = `SELECT value FROM settings WHERE key = ?`;
const PUT = `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
	ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

const SENDING_PAUSED = 'sending_paused';

/** The admins' switch: while on, no fan-out step and no send batch runs; both resume where they stopped. */
export async function isSendingPaused(db: D1Database): Promise<boolean> {
	const row = await db.prepare(GET).bind(SENDING_PAUSED).first<{ value: string }>();
	return row?.value === '1';
}

export async function setSendingPaused(db: D1Database, paused: boolean, now: Date): Promise<void> {
	await db
		.prepare(PUT)
		.bind(SENDING_PAUSED, paused ? '1' : '0', now.toISOString())
		.run();
}
