import { describe, expect, it } from 'vitest';
import { PoliceApiError } from '../api';
import { partnerError } from './errors';

describe('the partner form', () => {
	it('blames the fieldset an API error path belongs to', () => {
		const at = (field?: string) => partnerError(new PoliceApiError(400, 'validation_failed', field));
		expect(at('url')).toEqual({ field: 'url', key: 'partners.error.url' });
		expect(at('area.circles.0.lat')).toEqual({ field: 'area', key: 'partners.error.area' });
		expect(at('events.1')).toEqual({ field: 'events', key: 'partners.error.events' });
		expect(at('areas')).toEqual({ field: null, key: 'police.error' });
		expect(partnerError(new PoliceApiError(403, 'forbidden'))).toEqual({
			field: null,
			key: 'police.notAllowed'
		});
	});
});
