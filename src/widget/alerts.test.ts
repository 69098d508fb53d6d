import { describe, expect, it } from 'vitest';
import { FOUND_SHOWN_MS, readOptions, visibleAlerts, type WidgetAlert } from './alerts';
import { safeUrl } from './render';

const NOW = Date.parse('2026-11-28T06:00:00Z');
const ALERTS: WidgetAlert[] = [
	{ id: 'open-near', status: 'published', distanceKm: 3 },
	{ id: 'found-now', status: 'resolved', resolvedAt: new Date(NOW - 3_600_000).toISOString(), distanceKm: 5 },
	{ id: 'found-long-ago', status: 'resolved', resolvedAt: new Date(NOW - FOUND_SHOWN_MS).toISOString() },
	{ id: 'cancelled', status: 'cancelled' },
	{ id: 'open-far', status: 'published', distanceKm: 80 }
];

describe('widget list rules', () => {
	it('keeps open cases and cases found within a day; a cancelled case leaves at once', () => {
		expect(visibleAlerts(ALERTS, { now: NOW, max: 10 }).map((alert) => alert.id)).toEqual([
			'open-near',
			'found-now',
			'open-far'
		]);
	});

	it('narrows by radius-km and max, never widens', () => {
		expect(visibleAlerts(ALERTS, { now: NOW, max: 10, radiusKm: 10 }).map((a) => a.id)).toEqual([
			'open-near',
			'found-now'
		]);
		expect(visibleAlerts(ALERTS, { now: NOW, max: 1 }).map((a) => a.id)).toEqual(['open-near']);
	});

	it('reads attributes leniently, refusing only a missing point', () => {
		const attrs = (values: Record<string, string>) => (name: string) => values[name] ?? null;
		expect(readOptions(attrs({ lat: '31.2', lon: '121.5' }), 'en-GB')).toEqual({
			lat: 31.2,
			lon: 121.5,
			radiusKm: undefined,
			lang: 'en',
			max: 5,
			theme: 'auto'
		});
		expect(
			readOptions(
				attrs({ lat: '31', lon: '121', lang: 'zh', 'radius-km': '9000', max: '3', theme: 'dark' }),
				'en'
			)
		).toMatchObject({ lang: 'zh-CN', radiusKm: undefined, max: 3, theme: 'dark' });
		expect(readOptions(attrs({ lat: '91', lon: '0' }), 'en')).toBeNull();
		expect(readOptions(attrs({ lon: '0' }), 'en')).toBeNull();
	});

	it('lets only http(s) URLs become links or images', () => {
		expect(safeUrl('/api/photos/x.webp', 'https://r.example')).toBe('https://r.example/api/photos/x.webp');
		expect(safeUrl('javascript:alert(1)', 'https://r.example')).toBeNull();
		expect(safeUrl('data:image/svg+xml,<svg onload=alert(1)>', 'https://r.example')).toBeNull();
		expect(safeUrl(null, 'https://r.example')).toBeNull();
	});
});
