import { describe, expect, it } from 'vitest';
import { alertState, canTurnOn } from './alert-state';

const CHROME = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36';
const WECHAT = `${CHROME} MicroMessenger/8.0.50.2701(0x28003237) WeChat/arm64`;
const region = (muted = false) => ({ muted });

describe('alertState', () => {
	it('never says "on" once every saved region is muted (the server forgot the phone)', () => {
		const input = { alertsOn: true, support: 'supported' as const, userAgent: CHROME };
		expect(alertState({ ...input, regions: [region(true)] })).toEqual({ kind: 'allMuted' });
		expect(alertState({ ...input, regions: [region(true), region(false)] })).toEqual({ kind: 'on' });
	});

	it('names the in-app browser at once, whatever else is true', () => {
		expect(
			alertState({ alertsOn: false, regions: [region()], support: 'unsupported', userAgent: WECHAT })
		).toEqual({ kind: 'inApp', app: 'wechat' });
	});

	it('says why alerts are off, and offers the button only where a tap can fix it', () => {
		const off = (support: 'supported' | 'denied' | 'unsupported' | 'ios-install') =>
			alertState({ alertsOn: false, regions: [region()], support, userAgent: CHROME });
		expect(off('supported')).toEqual({ kind: 'off' });
		expect(off('denied')).toEqual({ kind: 'denied' });
		expect(off('ios-install')).toEqual({ kind: 'iosInstall' });
		expect(off('unsupported')).toEqual({ kind: 'unsupported' });
		expect(canTurnOn(off('supported'))).toBe(true);
		expect(canTurnOn(off('denied'))).toBe(false);
	});
});
