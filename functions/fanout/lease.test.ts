import { describe, expect, it } from 'vitest';
import { backoffSeconds } from './backoff';
import { DEFAULT_PUSH_TIMEOUT_MS, pushTimeoutMs, sendLeaseMs } from './lease';
import { MAX_ATTEMPTS } from './send';

describe('send leases and push deadlines', () => {
	it('read their settings, and fall back to the defaults on nonsense', () => {
		expect(sendLeaseMs({})).toBe(600_000);
		expect(sendLeaseMs({ SEND_LEASE_SECONDS: '120' })).toBe(120_000);
		for (const bad of ['', '0', '-5', 'ten']) expect(sendLeaseMs({ SEND_LEASE_SECONDS: bad })).toBe(600_000);
		expect(pushTimeoutMs({})).toBe(DEFAULT_PUSH_TIMEOUT_MS);
		expect(pushTimeoutMs({ PUSH_TIMEOUT_MS: '300' })).toBe(300);
		expect(pushTimeoutMs({ PUSH_TIMEOUT_MS: 'x' })).toBe(DEFAULT_PUSH_TIMEOUT_MS);
	});

	it('retry a push service long enough to outlast a minute of 500s, even with the shortest jitter', () => {
		let shortest = 0;
		let longest = 0;
		const random = Math.random;
		try {
			Math.random = () => 0;
			for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) shortest += backoffSeconds(attempt);
			Math.random = () => 0.999999;
			for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) longest += backoffSeconds(attempt);
		} finally {
			Math.random = random;
		}
		expect(shortest).toBeGreaterThan(120);
		// Retries end well within the push TTL (a day) and leave the lease a meaning.
		expect(longest).toBeLessThan(15 * 60);
	});
});
