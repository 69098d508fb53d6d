/**
 * The Standard Webhooks retry schedule: the first attempt at once, then after 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h and 10 h — eight attempts spanning 27 h 35 min, so a partner down for a day still gets the event.
 * Each entry is the wait before the attempt of that number (attempt 1 is index 0).
 */
export const RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 36000] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_SECONDS.length;

/**
 * WEBHOOK_RETRY_SCALE multiplies every wait (tests and local trials use e.g. 0.001); unset, empty, negative or
 * not a number means 1, the real schedule.
 */
export function retryScale(value: string | undefined): number {
	const scale = Number(value);
	return value && Number.isFinite(scale) && scale >= 0 ? scale : 1;
}

/** Seconds to wait before attempt `attempt` (2 … MAX_ATTEMPTS), or null when there is no such attempt. */
export function retryDelaySeconds(attempt: number, scale = 1): number | null {
	if (!Number.isInteger(attempt) || attempt < 2 || attempt > MAX_ATTEMPTS) return null;
	return Math.round(RETRY_SCHEDULE_SECONDS[attempt - 1]! * scale);
}
