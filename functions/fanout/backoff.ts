/**
 * Exponential back-off with jitter for both consumers' retries: about 1, 2, 4, 8, 16 s … capped at 5 minutes.
 * Half of the wait is fixed and half random, so retries after one outage spread out without coming back at once.
 */
export function backoffSeconds(attempt: number): number {
	const base = Math.min(300, 2 ** (attempt - 1));
	return Math.ceil(base / 2 + Math.random() * (base / 2));
}
