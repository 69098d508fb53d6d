const INSERT = `INSERT INTO dead_letters (queue, body, attempts, created_at) VALUES (?, ?, ?, ?)`;

/** Messages that failed every retry, kept for people to read and replay. */
export async function recordDeadLetters(
	db: D1Database,
	letters: Array<{ queue: string; body: unknown; attempts: number }>,
	now: Date
): Promise<void> {
	if (letters.length === 0) return;
	await db.batch(
		letters.map((l) =>
			db.prepare(INSERT).bind(l.queue, JSON.stringify(l.body), l.attempts, now.toISOString())
		)
	);
}
