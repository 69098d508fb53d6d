import type { PushOutcome } from '../push';

/** Timeouts in a row from one push service before the rest of the invocation stops waiting on it. */
export const TIMEOUTS_BEFORE_SKIP = 3;

/**
 * A push service that accepts connections and never answers would hold each of the invocation's six connections
 * for the whole push deadline, device after device, and every other service's devices wait behind it (issue 18:
 * 100 devices of one silent service ≈ 170 s). After a few timeouts in a row from one origin, its remaining
 * devices in this invocation are not tried: they go back on the queue with the others worth a retry, and the
 * next attempt (after back-off) asks the service again. Any answer from the origin resets its count.
 */
export function silentServices(limit = TIMEOUTS_BEFORE_SKIP) {
	const timeoutsInRow = new Map<string, number>();
	return {
		/** The outcome to use instead of sending, or null to send. */
		skip(endpoint: string): PushOutcome | null {
			const origin = originOf(endpoint);
			if ((timeoutsInRow.get(origin) ?? 0) < limit) return null;
			return { status: 'retry', reason: `not tried: ${origin} did not answer ${limit} times in a row` };
		},
		heard(endpoint: string, outcome: PushOutcome): void {
			const origin = originOf(endpoint);
			const timedOut = outcome.status === 'retry' && outcome.reason?.startsWith('no answer within');
			timeoutsInRow.set(origin, timedOut ? (timeoutsInRow.get(origin) ?? 0) + 1 : 0);
		}
	};
}

function originOf(endpoint: string): string {
	try {
		return new URL(endpoint).origin;
	} catch {
		return endpoint;
	}
}
