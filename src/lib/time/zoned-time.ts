import { utcOffsetLabel } from './offset-label';

// A clue's "when" is typed on the force's clock (PUBLIC_TIME_ZONE), wherever the phone's own clock is set:
// the times police read, and the case page shows, are all in that zone. datetime-local carries no zone, so
// these convert between its "YYYY-MM-DDTHH:mm" and an instant, in a named IANA zone.

function partsIn(zone: string, at: Date): Record<string, number> {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(at);
	return Object.fromEntries(
		parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)])
	) as Record<string, number>;
}

/** Minutes the zone is ahead of UTC at `at` (+480 for Asia/Shanghai). */
export function zoneOffsetMinutes(zone: string, at: Date): number {
	const p = partsIn(zone, at);
	const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
	return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The datetime-local value showing `at` on the zone's clock. */
export function toZonedInput(at: Date, zone: string): string {
	const p = partsIn(zone, at);
	return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}`;
}

/**
 * The ISO 8601 instant, with the zone's offset, that a datetime-local value means on the zone's clock; null if
 * the value is not one. A wall time skipped by a daylight-saving jump resolves to the offset before the jump.
 */
export function fromZonedInput(value: string, zone: string): string | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
	if (!match) return null;
	const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
		number,
		number,
		number,
		number,
		number
	];
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	// The offset depends on the instant, which depends on the offset: two rounds settle it (DST moves ≤ 1 h).
	let offset = zoneOffsetMinutes(zone, new Date(wall));
	offset = zoneOffsetMinutes(zone, new Date(wall - offset * 60_000));
	const instant = new Date(wall - offset * 60_000);
	if (Number.isNaN(instant.getTime())) return null;
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${value}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The zone's offset at `at` as utcOffsetLabel words, for the hint beside a time field. */
export function zoneLabel(zone: string, at = new Date()): string {
	return utcOffsetLabel(zoneOffsetMinutes(zone, at));
}
