import { describe, expect, it } from 'vitest';
import { COMMON_ZONES, zoneChoices, zoneName } from './zones';

const ALL = Intl.supportedValuesOf('timeZone');
const at = new Date('2026-12-06T12:00:00Z');

describe('the quiet-hours time zone list', () => {
	it('shows the common zones by their local names, not 400 English IANA ids', () => {
		const choices = zoneChoices('zh-CN', '', ALL, 'Asia/Shanghai', at);
		expect(choices.length).toBe(COMMON_ZONES.length);
		expect(choices[0]).toEqual({ zone: 'Asia/Shanghai', label: '中国标准时间（UTC+8）' });
		expect(choices.every((c) => !c.label.includes('/'))).toBe(true);
		expect(zoneName('America/New_York', 'en', at)).toBe('Eastern Time (UTC-5)');
	});

	it('keeps a chosen zone that is not common, and finds the rest on search by id or local name', () => {
		expect(zoneChoices('zh-CN', '', ALL, 'Africa/Lagos', at)[0]!.zone).toBe('Africa/Lagos');
		expect(zoneChoices('en', 'lagos', ALL, 'Asia/Shanghai', at).map((c) => c.zone)).toContain('Africa/Lagos');
		expect(zoneChoices('zh-CN', '乌鲁木齐', ALL, 'Asia/Shanghai', at).map((c) => c.zone)).toEqual([
			'Asia/Urumqi'
		]);
		expect(zoneChoices('en', 'new york', ALL, 'UTC', at).map((c) => c.zone)).toContain('America/New_York');
	});
});
