/** A delivery check as stored: `expired` is not stored, it is a `sent` check past its time. */
export interface CheckRow {
	id: string;
	subscription_id: string;
	state: 'sent' | 'received' | 'failed';
	detail: string | null;
	created_at: string;
	received_at: string | null;
}

// One statement counts and inserts, so two checks sent at once cannot both slip under the limit.
const INSERT_WITHIN_LIMIT = `INSERT INTO subscription_checks (id, subscription_id, state, created_at)
	SELECT ?1, ?2, 'sent', ?3
	WHERE (SELECT COUNT(*) FROM subscription_checks WHERE subscription_id = ?2 AND created_at > ?4) < ?5`;
const OLDEST_RECENT = `SELECT MIN(created_at) AS oldest FROM subscription_checks
	WHERE subscription_id = ? AND created_at > ?`;
const BY_ID = `SELECT * FROM subscription_checks WHERE id = ?`;
const FAILED = `UPDATE subscription_checks SET state = 'failed', detail = ? WHERE id = ? AND state = 'sent'`;
// A receipt counts only for a check still waiting: a late one never turns "failed" or "expired" into "received".
const RECEIVED = `UPDATE subscription_checks SET state = 'received', received_at = ?
	WHERE id = ? AND state = 'sent' AND created_at >= ?`;
const PRUNE = `DELETE FROM subscription_checks WHERE created_at < ?`;

/**
 * Records a new check unless the subscription had `limit` checks within `windowMs`; then returns the seconds
 * until the oldest of them leaves the window.
 */
export async function insertCheckWithinLimit(
	db: D1Database,
	check: { id: string; subscriptionId: string },
	limit: number,
	windowMs: number,
	now: Date
): Promise<{ inserted: true } | { inserted: false; retryAfterSeconds: number }> {
	const since = new Date(now.getTime() - windowMs).toISOString();
	const result = await db
		.prepare(INSERT_WITHIN_LIMIT)
		.bind(check.id, check.subscriptionId, now.toISOString(), since, limit)
		.run();
	if (result.meta.changes > 0) return { inserted: true };
	const row = await db
		.prepare(OLDEST_RECENT)
		.bind(check.subscriptionId, since)
		.first<{ oldest: string | null }>();
	const oldest = row?.oldest ? Date.parse(row.oldest) : now.getTime();
	return { inserted: false, retryAfterSeconds: Math.ceil((oldest + windowMs - now.getTime()) / 1000) };
}

export function getCheck(db: D1Database, id: string): Promise<CheckRow | null> {
	return db.prepare(BY_ID).bind(id).first<CheckRow>();
}

export async function markCheckFailed(db: D1Database, id: string, detail: string): Promise<void> {
	await db.prepare(FAILED).bind(detail, id).run();
}

/** Marks a waiting check received; false when it is already decided or older than `notBefore`. */
export async function markCheckReceived(
	db: D1Database,
	id: string,
	now: Date,
	notBefore: Date
): Promise<boolean> {
	const result = await db.prepare(RECEIVED).bind(now.toISOString(), id, notBefore.toISOString()).run();
	return result.meta.changes > 0;
}

export async function pruneChecks(db: D1Database, olderThan: Date): Promise<void> {
	await db.prepare(PRUNE).bind(olderThan.toISOString()).run();
}
