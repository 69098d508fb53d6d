import { describe, expect, it } from 'vitest';
import { utcStamp } from './utc-stamp';

describe('utcStamp', () => {
	it('shows an instant as UTC date and time, with or without milliseconds', () => {
		expect(utcStamp('2026-11-28T02:05:09.123Z')).toBe('2026-11-28 02:05:09');
		expect(utcStamp('2026-11-28T02:05:09Z')).toBe('2026-11-28 02:05:09');
	});
});
