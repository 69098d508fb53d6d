import type { GeohashRange } from '../../src/lib/geo';

// Parallel selection (docs/scale.md): a large covering is walked by several sub-jobs at once, each its own chain
// of FANOUT messages with its own cursor. The groups partition the covering's ranges in order, and a device is
// sent to from exactly one of its region rows (select.ts isRecipientRow), which lies in exactly one range: so
// the union of the sub-jobs is the single walk, and no device is sent to twice.

/** At most this many sub-jobs per shard: each reads its own pages, and they share one single-threaded D1. */
export const MAX_SUB_JOBS = 8;
/** A covering with fewer ranges than this per sub-job stays one job (a small circle gains nothing from more). */
export const MIN_RANGES_PER_SUB_JOB = 8;

/** Consecutive groups of the ranges, in order, none empty (one empty group for no ranges). */
export function splitRanges(ranges: GeohashRange[]): GeohashRange[][] {
	if (!ranges.length) return [[]];
	const size = Math.max(MIN_RANGES_PER_SUB_JOB, Math.ceil(ranges.length / MAX_SUB_JOBS));
	const groups: GeohashRange[][] = [];
	for (let i = 0; i < ranges.length; i += size) groups.push(ranges.slice(i, i + size));
	return groups;
}
