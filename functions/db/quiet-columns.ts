import type { QuietHours } from '../../src/lib/schemas';

/** How a region row stores its device's quiet hours: minutes after midnight on the device's clock, and its zone. */
export interface QuietColumns {
	quiet_start: number | null;
	quiet_end: number | null;
	quiet_zone: string | null;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toClock = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function quietColumns(quiet: QuietHours | null): QuietColumns {
	return quiet
		? { quiet_start: toMinutes(quiet.start), quiet_end: toMinutes(quiet.end), quiet_zone: quiet.timeZone }
		: { quiet_start: null, quiet_end: null, quiet_zone: null };
}

/** The stored quiet hours, or null when the row has none (rows written before migration 0022 have none). */
export function quietFromColumns(row: Partial<QuietColumns>): QuietHours | null {
	if (row.quiet_start == null || row.quiet_end == null || !row.quiet_zone) return null;
	return { start: toClock(row.quiet_start), end: toClock(row.quiet_end), timeZone: row.quiet_zone };
}
