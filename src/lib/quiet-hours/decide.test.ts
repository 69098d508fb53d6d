import { describe, expect, it } from 'vitest';
import { encodeGeohash } from '../geo';
import { quietHoursSchema, type QuietHours } from '../schemas/quiet-hours';
import { holdAlert, inQuietHours, quietHoursEnd } from './decide';

const NIGHT: QuietHours = { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' };
const LUNCH: QuietHours = { start: '12:00', end: '13:30', timeZone: 'Asia/Shanghai' };
// Shanghai is UTC+8 all year.
const shanghai = (hhmm: string, day = '2026-11-28') => new Date(`${day}T${hhmm}:00+08:00`);

describe('inQuietHours', () => {
	it.each([
		['21:59', false],
		['22:00', true],
		['23:30', true],
		['00:00', true],
		['06:59', true],
		['07:00', false],
		['12:00', false]
	])('22:00–07:00 at %s → %s', (time, quiet) => expect(inQuietHours(NIGHT, shanghai(time))).toBe(quiet));

	it('a window inside one day', () => {
		expect(inQuietHours(LUNCH, shanghai('11:59'))).toBe(false);
		expect(inQuietHours(LUNCH, shanghai('12:45'))).toBe(true);
		expect(inQuietHours(LUNCH, shanghai('13:30'))).toBe(false);
	});

	it('reads the clock of the device’s zone, not the server’s', () => {
		const london: QuietHours = { start: '22:00', end: '07:00', timeZone: 'Europe/London' };
		// 23:00 in Shanghai is 15:00 in London.
		expect(inQuietHours(london, shanghai('23:00'))).toBe(false);
		expect(inQuietHours(london, new Date('2026-11-28T23:00:00Z'))).toBe(true);
	});
});

describe('quietHoursEnd', () => {
	it('is the coming end, today or tomorrow', () => {
		expect(quietHoursEnd(NIGHT, shanghai('23:00')).toISOString()).toBe(
			shanghai('07:00', '2026-11-29').toISOString()
		);
		expect(quietHoursEnd(NIGHT, shanghai('03:00')).toISOString()).toBe(shanghai('07:00').toISOString());
		expect(quietHoursEnd(LUNCH, shanghai('12:10')).toISOString()).toBe(shanghai('13:30').toISOString());
	});

	it('is the moment itself outside quiet hours', () => {
		const noon = shanghai('10:00');
		expect(quietHoursEnd(NIGHT, noon)).toBe(noon);
	});

	it('follows a daylight-saving change in the device’s zone', () => {
		const ny: QuietHours = { start: '22:00', end: '07:00', timeZone: 'America/New_York' };
		// The night of 7–8 March 2026 loses an hour: 07:00 on the 8th is EDT (UTC−4).
		expect(quietHoursEnd(ny, new Date('2026-03-08T04:00:00Z')).toISOString()).toBe(
			'2026-03-08T11:00:00.000Z'
		);
	});
});

describe('holdAlert', () => {
	const region = encodeGeohash(31.2304, 121.4737, 5); // central Shanghai
	const at = shanghai('02:00');
	const near = { lat: 31.3, lon: 121.5 }; // ≈ 8 km away
	const far = { lat: 31.6, lon: 121.47 }; // ≈ 41 km away
	const hoursAgo = (h: number) => new Date(at.getTime() - h * 3_600_000).toISOString();

	it('never holds without quiet hours, or outside them', () => {
		expect(holdAlert(null, { lastSeenAt: hoursAgo(10), lastSeen: far }, region, at)).toBe(false);
		expect(holdAlert(NIGHT, { lastSeenAt: hoursAgo(10), lastSeen: far }, region, shanghai('10:00'))).toBe(
			false
		);
	});

	it('sends at night a child seen under 3 h ago within 25 km', () => {
		expect(holdAlert(NIGHT, { lastSeenAt: hoursAgo(1), lastSeen: near }, region, at)).toBe(false);
	});

	it('holds one seen too long ago, or too far away', () => {
		expect(holdAlert(NIGHT, { lastSeenAt: hoursAgo(3), lastSeen: near }, region, at)).toBe(true);
		expect(holdAlert(NIGHT, { lastSeenAt: hoursAgo(1), lastSeen: far }, region, at)).toBe(true);
	});
});

describe('quietHoursSchema', () => {
	it('takes HH:MM and an IANA zone', () => {
		expect(quietHoursSchema.safeParse(NIGHT).success).toBe(true);
		expect(quietHoursSchema.safeParse({ ...NIGHT, start: '24:00' }).success).toBe(false);
		expect(quietHoursSchema.safeParse({ ...NIGHT, start: '7:00' }).success).toBe(false);
		expect(quietHoursSchema.safeParse({ ...NIGHT, timeZone: 'Mars/Olympus' }).success).toBe(false);
		expect(quietHoursSchema.safeParse({ ...NIGHT, end: '22:00' }).success).toBe(false);
	});
});
