import { afterEach, describe, expect, it, vi } from 'vitest';
import { inAppBrowser, withTimeout } from './helpers';

afterEach(() => {
	vi.useRealTimers();
});

describe('delivery check helpers', () => {
	it('recognises WeChat and QQ built-in browsers by their user agents', () => {
		const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko)';
		expect(
			inAppBrowser(`${android} Chrome/120 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35)`)
		).toBe('wechat');
		expect(
			inAppBrowser(`${android} Chrome/120 Mobile Safari/537.36 V1_AND_SQ_9.0.0_4380_YYB_D QQ/9.0.0.14110`)
		).toBe('qq');
		expect(inAppBrowser(`${android} Chrome/120 Mobile Safari/537.36`)).toBeUndefined();
	});

	it('ends a hanging promise at the timeout and passes a prompt answer through', async () => {
		vi.useFakeTimers();
		const hanging = withTimeout(new Promise<never>(() => {}), 10_000);
		const settled = expect(hanging).rejects.toThrow(/10000 ms/);
		await vi.advanceTimersByTimeAsync(10_000);
		await settled;
		await expect(withTimeout(Promise.resolve(7), 10_000)).resolves.toBe(7);
	});
});
