import { describe, expect, it } from 'vitest';
import { mapLocale } from './map-locale';

describe('mapLocale', () => {
	it('gives MapLibre Chinese control texts on the Chinese UI', async () => {
		const zh = await mapLocale('zh-CN');
		expect(zh['Map.Title']).toBe('地图');
		expect(zh['Marker.Title']).toBe('地图标记');
		expect(zh['AttributionControl.ToggleAttribution']).not.toMatch(/[A-Za-z]/);
		expect((await mapLocale('en'))['Map.Title']).toBe('Map');
	});
});
