import type { Lang } from '../schemas';

/**
 * A time to recovery in the reader's words: under an hour in minutes ("42 分钟", never "0 小时"), else hours
 * with one decimal. Intl's unit formats localise the unit, so no catalogue entry is needed.
 */
export function formatDuration(lang: Lang, hours: number): string {
	const minutes = Math.round(hours * 60);
	if (minutes < 60)
		return new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
			Math.max(1, minutes)
		);
	return new Intl.NumberFormat(lang, {
		style: 'unit',
		unit: 'hour',
		unitDisplay: 'long',
		maximumFractionDigits: 1
	}).format(hours);
}
