import { decodeGeohash, haversineKm, type LatLon } from '../geo';
import type { QuietHours } from '../schemas/quiet-hours';
import { fromZonedInput, toZonedInput } from '../time/zoned-time';

// Issue 9: during quiet hours an alert still wakes the device when the child was seen within the last 3 hours
// and within 25 km of the device's region — someone who could be passing the child right now.
export const URGENT_WITHIN_HOURS = 3;
export const URGENT_WITHIN_KM = 25;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function minuteOfDay(at: Date, zone: string): number {
	return minutes(toZonedInput(at, zone).slice(11, 16));
}

/** Whether `at` falls in the quiet hours; a window whose end is before its start runs over midnight. */
export function inQuietHours(quiet: QuietHours, at: Date): boolean {
	const now = minuteOfDay(at, quiet.timeZone);
	const [start, end] = [minutes(quiet.start), minutes(quiet.end)];
	return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The instant the quiet period around `at` ends (for the summary release); `at` itself if it is not quiet. */
export function quietHoursEnd(quiet: QuietHours, at: Date): Date {
	if (!inQuietHours(quiet, at)) return at;
	const today = toZonedInput(at, quiet.timeZone).slice(0, 10);
	const endToday = new Date(fromZonedInput(`${today}T${quiet.end}`, quiet.timeZone)!);
	if (endToday > at) return endToday;
	// Past midnight's other side: the end is tomorrow (a day later on the zone's clock, DST included).
	const tomorrow = toZonedInput(new Date(endToday.getTime() + 26 * 3_600_000), quiet.timeZone).slice(0, 10);
	return new Date(fromZonedInput(`${tomorrow}T${quiet.end}`, quiet.timeZone)!);
}

export interface AlertForQuietHours {
	lastSeenAt: string;
	lastSeen: LatLon;
}

/**
 * Whether a new alert waits until the device's quiet hours end. Only new alerts are ever held: updates,
 * resolutions and cancellations of a case the device was alerted to always go (the caller decides which kind).
 * Distance is to the centre of the region's geohash-5 cell, the same point the radius rule uses (API.md).
 */
export function holdAlert(
	quiet: QuietHours | null,
	alert: AlertForQuietHours,
	regionGeohash: string,
	at: Date
): boolean {
	if (!quiet || !inQuietHours(quiet, at)) return false;
	const ageHours = (at.getTime() - Date.parse(alert.lastSeenAt)) / 3_600_000;
	const km = haversineKm(alert.lastSeen, decodeGeohash(regionGeohash));
	const urgent = ageHours < URGENT_WITHIN_HOURS && km <= URGENT_WITHIN_KM;
	return !urgent;
}
