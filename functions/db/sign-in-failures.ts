/**
 * Growing delays after failed sign-ins (issue: police console). The first FREE_FAILURES cost nothing; then each
 * failure doubles the wait, from 15 s up to 15 min. Keyed by account + address, so nobody elsewhere can keep an
 * approver out, and a success clears it.
 */
export const FREE_FAILURES = 5;
const FIRST_DELAY_SECONDS = 15;
const MAX_DELAY_SECONDS = 900;

const READ = `SELECT failures, last_at FROM sign_in_failures WHERE bucket = ?`;
const RECORD = `INSERT INTO sign_in_failures (bucket, failures, last_at) VALUES (?1, 1, ?2)
	ON CONFLICT (bucket) DO UPDATE SET failures = failures + 1, last_at = ?2`;
// delayAfter() in SQL, so that checking the wait and counting the attempt are one statement.
const DELAY_SQL = `CASE WHEN sign_in_failures.failures < ${FREE_FAILURES} THEN 0
	ELSE min(${FIRST_DELAY_SECONDS} << min(sign_in_failures.failures - ${FREE_FAILURES}, 16), ${MAX_DELAY_SECONDS}) END`;
const CLAIM = `${RECORD} WHERE sign_in_failures.last_at + ${DELAY_SQL} <= ?2 RETURNING failures`;
const CLEAR = `DELETE FROM sign_in_failures WHERE bucket = ?`;
const PRUNE = `DELETE FROM sign_in_failures WHERE last_at < ?`;

export function delayAfter(failures: number): number {
	if (failures < FREE_FAILURES) return 0;
	return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

/** Seconds to wait before this bucket may try again (0 = now). */
export async function secondsToWait(db: D1Database, bucket: string, nowSeconds: number): Promise<number> {
	const row = await db.prepare(READ).bind(bucket).first<{ failures: number; last_at: number }>();
	if (!row) return 0;
	return Math.max(0, row.last_at + delayAfter(row.failures) - nowSeconds);
}

/**
 * Counts an attempt as a failure before it is checked, if this bucket may try now; a success clears it. Checking
 * and counting in one statement means parallel guesses cannot all pass before any failure is recorded.
 */
export async function claimAttempt(db: D1Database, bucket: string, nowSeconds: number): Promise<boolean> {
	const row = await db.prepare(CLAIM).bind(bucket, nowSeconds).first<{ failures: number }>();
	return row !== null;
}

export async function recordFailure(db: D1Database, bucket: string, nowSeconds: number): Promise<void> {
	await db.prepare(RECORD).bind(bucket, nowSeconds).run();
}

export async function clearFailures(db: D1Database, bucket: string): Promise<void> {
	await db.prepare(CLEAR).bind(bucket).run();
}

export async function pruneSignInFailures(db: D1Database, olderThanSeconds: number): Promise<void> {
	await db.prepare(PRUNE).bind(olderThanSeconds).run();
}
