import { describe, expect, it } from 'vitest';
import { formatDateTime, localZoneLabel, setDisplayTimeZone, translate } from './all';

const offset = (minutesBehindUtc: number) => ({ getTimezoneOffset: () => minutesBehindUtc }) as Date;

describe('formatDateTime', () => {
	it('uses the deployment’s zone when none is named, so the Worker (UTC) and the browser print the same', () => {
		setDisplayTimeZone('Asia/Shanghai');
		try {
			expect(formatDateTime('en', '2026-01-01T02:00:00Z')).toMatch(/10:00 AM UTC\+8$/);
			// A mistyped zone falls back to the runtime's own instead of breaking every page.
			setDisplayTimeZone('Mars/Olympus_Mons');
			expect(() => formatDateTime('en', '2026-01-01T02:00:00Z')).not.toThrow();
		} finally {
			setDisplayTimeZone(undefined);
		}
	});

	it('names the zone the time is shown in', () => {
		const text = formatDateTime('en', '2026-01-01T02:00:00Z', 'Asia/Shanghai');
		expect(text).toContain('10:00');
		expect(text).toContain('UTC+8');
	});

	it('names the zone in one wording, after the time, in Chinese too (never "GMT+8")', () => {
		expect(formatDateTime('zh-CN', '2026-01-01T02:00:00Z', 'Asia/Shanghai')).toBe('2026年1月1日 10:00 UTC+8');
		expect(formatDateTime('zh-CN', '2026-07-01T02:00:00Z', 'America/St_Johns')).toMatch(/UTC-2:30$/);
		expect(formatDateTime('zh-CN', '2026-01-01T02:00:00Z', 'Asia/Shanghai')).not.toContain('GMT');
	});

	it('shows the same instant on another clock with that clock’s zone', () => {
		expect(formatDateTime('en', '2026-01-01T02:00:00Z', 'UTC')).toMatch(/02:00.*UTC/);
	});
});

describe('localZoneLabel', () => {
	it('reads getTimezoneOffset the right way round (it counts minutes behind UTC)', () => {
		expect(localZoneLabel(offset(-480))).toBe('UTC+8');
		expect(localZoneLabel(offset(300))).toBe('UTC-5');
	});

	it('keeps the minutes of a half-hour zone and says plain UTC at zero', () => {
		expect(localZoneLabel(offset(-330))).toBe('UTC+5:30');
		expect(localZoneLabel(offset(210))).toBe('UTC-3:30');
		expect(localZoneLabel(offset(0))).toBe('UTC');
	});
});

describe('police texts', () => {
	it('never leave an empty pair of brackets where a code used to go', () => {
		expect(translate('zh-CN', 'police.error')).not.toMatch(/（\s*）|\{code\}/);
		expect(translate('en', 'police.error')).not.toMatch(/\(\s*\)|\{code\}/);
	});
});
