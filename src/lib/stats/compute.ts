import { CIRCUMSTANCES, type CaseStatus, type Circumstance } from '../schemas/case';
import type { Stats } from '../schemas/stats';
import { toZonedInput } from '../time/zoned-time';

/** What statistics read of a case: no names, no places. */
export interface CaseForStats {
	status: CaseStatus;
	exercise: boolean;
	demo: boolean;
	publishedAt: string | null;
	resolvedAt: string | null;
	circumstance: Circumstance | null;
}

/** Exercises and demo cases are not real; a cancelled alert was sent in error: none of them ever count. */
export function counts(c: CaseForStats): boolean {
	return (
		!c.exercise && !c.demo && c.publishedAt !== null && (c.status === 'published' || c.status === 'resolved')
	);
}

const month = (iso: string, zone: string) => toZonedInput(new Date(iso), zone).slice(0, 7);

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function monthsBetween(first: string, last: string): string[] {
	const out: string[] = [];
	let [year, mon] = first.split('-').map(Number) as [number, number];
	for (let key = first; key <= last;) {
		out.push(key);
		[year, mon] = mon === 12 ? [year + 1, 1] : [year, mon + 1];
		key = `${year}-${String(mon).padStart(2, '0')}`;
	}
	return out;
}

/**
 * API.md "Statistics" from the cases themselves. Months are on the force's clock (`zone`), from the first
 * publication to `now`, so a quiet month shows as a zero rather than vanishing from the chart.
 */
export function computeStats(cases: CaseForStats[], zone: string, now: Date): Stats {
	const counted = cases.filter(counts);
	const resolved = counted.filter((c) => c.status === 'resolved' && c.resolvedAt);
	const byCircumstance = Object.fromEntries(CIRCUMSTANCES.map((k) => [k, 0])) as Stats['byCircumstance'];
	for (const c of resolved) byCircumstance[c.circumstance ?? 'unknown']++;
	const hours = resolved.map((c) => (Date.parse(c.resolvedAt!) - Date.parse(c.publishedAt!)) / 3_600_000);
	const middle = median(hours);

	const published = new Map<string, number>();
	const found = new Map<string, number>();
	for (const c of counted)
		published.set(month(c.publishedAt!, zone), (published.get(month(c.publishedAt!, zone)) ?? 0) + 1);
	for (const c of resolved)
		found.set(month(c.resolvedAt!, zone), (found.get(month(c.resolvedAt!, zone)) ?? 0) + 1);
	const first = [...published.keys()].sort()[0];
	const monthly = first
		? monthsBetween(first, month(now.toISOString(), zone)).map((m) => ({
				month: m,
				published: published.get(m) ?? 0,
				resolved: found.get(m) ?? 0
			}))
		: [];

	return {
		published: counted.length,
		resolved: resolved.length,
		recoveryRate: counted.length ? resolved.length / counted.length : null,
		medianHoursToRecovery: middle === null ? null : Math.round(middle * 10) / 10,
		byCircumstance,
		monthly
	};
}
