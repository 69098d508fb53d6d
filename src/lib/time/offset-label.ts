/**
 * "UTC+8", "UTC-3:30" or "UTC": the one wording for a zone wherever a time is shown or typed (public pages,
 * the console, the clue form), in every language — Intl's own names differ by language ("GMT+8", "UTC+8").
 * A module of its own: every page formats dates, and this is all they need of the zone arithmetic.
 */
export function utcOffsetLabel(minutesAhead: number): string {
	const sign = minutesAhead < 0 ? '-' : '+';
	const hours = Math.floor(Math.abs(minutesAhead) / 60);
	const rest = Math.abs(minutesAhead) % 60;
	return minutesAhead === 0 ? 'UTC' : `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** Minutes `timeZone` is ahead of UTC at `at`, from Intl's "GMT+08:00" (longOffset; "GMT" alone at zero). */
export function offsetMinutesOf(timeZone: string, at: Date): number {
	const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
		.formatToParts(at)
		.find((part) => part.type === 'timeZoneName')?.value;
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
	if (!match) return 0;
	const minutes = Number(match[2]) * 60 + Number(match[3]);
	return match[1] === '-' ? -minutes : minutes;
}
