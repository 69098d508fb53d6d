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

const PUBLIC_GENERATION = 'public_generation';
const BUMP = `INSERT INTO settings (key, value, updated_at) VALUES (?1, '1', ?2)
	ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT), updated_at = excluded.updated_at`;

/** A counter every public case change moves on; the edge cache keys public answers with it. */
export async function getPublicGeneration(db: D1Database): Promise<string> {
	const row = await db.prepare(GET).bind(PUBLIC_GENERATION).first<{ value: string }>();
	return row?.value ?? '0';
}

export async function bumpPublicGeneration(db: D1Database, now: Date): Promise<void> {
	await db.prepare(BUMP).bind(PUBLIC_GENERATION, now.toISOString()).run();
}
