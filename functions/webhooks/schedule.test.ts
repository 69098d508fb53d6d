import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelaySeconds, retryScale } from './schedule';

describe('the webhook retry schedule', () => {
	it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h between eight attempts', () => {
		const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelaySeconds(i + 2));
		expect(waits).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
		expect(MAX_ATTEMPTS).toBe(8);
	});

	it('keeps retrying for at least 24 hours in all', () => {
		let total = 0;
		for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) total += retryDelaySeconds(attempt)!;
		expect(total).toBeGreaterThanOrEqual(24 * 3600);
	});

	it('has no attempt before the second or after the last', () => {
		expect(retryDelaySeconds(1)).toBeNull();
		expect(retryDelaySeconds(MAX_ATTEMPTS + 1)).toBeNull();
	});

	it('shrinks every wait by the scale, for tests', () => {
		expect(retryDelaySeconds(3, 0.01)).toBe(3);
		expect(retryDelaySeconds(8, 0)).toBe(0);
	});

	it('reads the scale from its variable, defaulting to the real schedule', () => {
		expect(retryScale(undefined)).toBe(1);
		expect(retryScale('')).toBe(1);
		expect(retryScale('-2')).toBe(1);
		expect(retryScale('fast')).toBe(1);
		expect(retryScale('0.001')).toBe(0.001);
		expect(retryScale('0')).toBe(0);
	});
});
