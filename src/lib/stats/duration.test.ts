import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
	it('reads a recovery within the hour in minutes, in both languages', () => {
		expect(formatDuration('zh-CN', 0.7)).toBe('42分钟');
		expect(formatDuration('en', 0.7)).toBe('42 minutes');
		expect(formatDuration('zh-CN', 0)).toBe('1分钟');
		expect(formatDuration('zh-CN', 0.1)).not.toMatch(/^0/);
	});

	it('reads an hour or more in hours with one decimal', () => {
		expect(formatDuration('zh-CN', 7.5)).toBe('7.5小时');
		expect(formatDuration('en', 1)).toBe('1 hour');
		expect(formatDuration('en', 30)).toBe('30 hours');
	});
});
