const HIT = `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1)
	ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + 1
	RETURNING hits`;
const PRUNE = `DELETE FROM rate_limits WHERE window_start < ?`;

export interface RateLimitVerdict {
	allowed: boolean;
	retryAfterSeconds: number;
}

/** Counts one hit in a fixed window and says whether it is within `limit`. */
export async function hitRateLimit(
	db: D1Database,
	bucket: string,
	limit: number,
	windowSeconds: number,
	now: Date
): Promise<RateLimitVerdict> {
	const nowSeconds = Math.floor(now.getTime() / 1000);
	const windowStart = nowSeconds - (nowSeconds % windowSeconds);
	const row = await db.prepare(HIT).bind(bucket, windowStart).first<{ hits: number }>();
	const hits = row?.hits ?? 1;
	return { allowed: hits <= limit, retryAfterSeconds: windowStart + windowSeconds - nowSeconds };
}

export async function pruneRateLimits(db: D1Database, olderThan: Date): Promise<void> {
	await db
		.prepare(PRUNE)
		.bind(Math.floor(olderThan.getTime() / 1000))
		.run();
}
