import { describe, expect, it } from 'vitest';
import { delayAfter, FREE_FAILURES } from './sign-in-failures';

describe('sign-in delays', () => {
	it('cost nothing for the first failures, then double from 15 s up to 15 min', () => {
		expect(FREE_FAILURES).toBe(5);
		expect([0, 1, 4].map(delayAfter)).toEqual([0, 0, 0]);
		expect([5, 6, 7, 8, 9, 10, 11].map(delayAfter)).toEqual([15, 30, 60, 120, 240, 480, 900]);
		expect(delayAfter(40)).toBe(900);
	});
});
