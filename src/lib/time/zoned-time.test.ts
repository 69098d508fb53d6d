import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput, zoneOffsetMinutes } from './zoned-time';

describe('zoned datetime-local values', () => {
	it('shows an instant on the force’s clock, not the device’s', () => {
		const at = new Date('2026-11-28T05:30:00Z');
		expect(toZonedInput(at, 'Asia/Shanghai')).toBe('2026-11-28T13:30');
		expect(toZonedInput(at, 'America/New_York')).toBe('2026-11-28T00:30');
		expect(toZonedInput(at, 'UTC')).toBe('2026-11-28T05:30');
	});

	it('reads a typed time back as an instant with the zone’s offset', () => {
		expect(fromZonedInput('2026-11-28T13:30', 'Asia/Shanghai')).toBe('2026-11-28T13:30:00+08:00');
		expect(Date.parse(fromZonedInput('2026-11-28T13:30', 'Asia/Shanghai')!)).toBe(
			Date.parse('2026-11-28T05:30:00Z')
		);
		expect(fromZonedInput('2026-07-01T09:00', 'Asia/Kolkata')).toBe('2026-07-01T09:00:00+05:30');
		expect(fromZonedInput('2026-01-15T08:00', 'America/St_Johns')).toBe('2026-01-15T08:00:00-03:30');
	});

	it('follows daylight saving on either side of a change', () => {
		expect(fromZonedInput('2026-03-07T12:00', 'America/New_York')).toBe('2026-03-07T12:00:00-05:00');
		expect(fromZonedInput('2026-03-09T12:00', 'America/New_York')).toBe('2026-03-09T12:00:00-04:00');
		expect(zoneOffsetMinutes('Europe/Berlin', new Date('2026-07-01T00:00:00Z'))).toBe(120);
	});

	it('round-trips every quarter hour of a day in several zones', () => {
		for (const zone of ['Asia/Shanghai', 'Europe/London', 'Pacific/Chatham', 'America/Los_Angeles']) {
			for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
				const at = new Date(Date.UTC(2026, 10, 28) + minutes * 60_000);
				expect(Date.parse(fromZonedInput(toZonedInput(at, zone), zone)!)).toBe(at.getTime());
			}
		}
	});

	it('answers null for anything that is not a datetime-local value', () => {
		expect(fromZonedInput('', 'Asia/Shanghai')).toBeNull();
		expect(fromZonedInput('yesterday', 'Asia/Shanghai')).toBeNull();
		expect(fromZonedInput('2026-11-28', 'Asia/Shanghai')).toBeNull();
	});
});
