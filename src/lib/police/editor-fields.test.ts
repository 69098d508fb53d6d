import { describe, expect, it } from 'vitest';
import { editorField, requestBody, startingForm } from './editor-fields';
import { PoliceApiError } from './api';
import { problemFrom } from './form/problem';

const steps = [
	{ afterMinutes: 30, radiusKm: 80 },
	{ afterMinutes: 60, radiusKm: 200 },
	{ afterMinutes: 120, radiusKm: 300 }
];

describe('editorField', () => {
	it('maps a step of the list sent back to the step on screen, past the ones inside the radius', () => {
		// 80 km is inside a 100 km radius, so it was not sent: the API's step 0 is the second on screen.
		expect(editorField('radiusSchedule.0.afterMinutes', steps, 100)).toBe('radiusSchedule.1.afterMinutes');
		expect(editorField('radiusSchedule.1.radiusKm', steps, 100)).toBe('radiusSchedule.2.radiusKm');
	});

	it('blames the whole schedule when no single step is named', () => {
		expect(editorField('radiusSchedule', steps, 100)).toBe('radiusSchedule');
		expect(editorField('radiusSchedule.7.radiusKm', steps, 100)).toBe('radiusSchedule');
	});

	it('keeps the editor’s own fields and drops paths it does not show', () => {
		expect(editorField('lastSeenAt', steps, 100)).toBe('lastSeenAt');
		expect(editorField('version', steps, 100)).toBeNull();
	});
});

describe('problemFrom', () => {
	const shown = (path: string) => (path === 'text' ? path : null);

	it('names a field the form shows, in words rather than the raw path', () => {
		const error = new PoliceApiError(400, 'validation_failed', 'text');
		expect(problemFrom(error, shown)).toEqual({ key: 'console.fieldInvalid', field: 'text' });
	});

	it('falls back to a general message for a path the form does not show', () => {
		const error = new PoliceApiError(400, 'validation_failed', 'sighting.extra');
		expect(problemFrom(error, shown)).toEqual({ key: 'police.error', field: null });
	});

	it('keeps the specific words for errors that have them', () => {
		expect(problemFrom(new PoliceApiError(409, 'conflict'), shown).key).toBe('police.stale');
		expect(problemFrom(new Error('offline'), shown)).toEqual({ key: 'common.error', field: null });
	});
});

describe('requestBody', () => {
	const form = () => ({ ...startingForm(null), lat: 30, lon: 120, clothing: '  ', heightCm: null });

	it('clears emptied facts with null on an edit and names the version it started from', () => {
		const body = requestBody(form(), { version: 4 });
		expect(body).toMatchObject({ clothing: null, description: null, heightCm: null, version: 4 });
	});

	it('leaves emptied facts and the version out of a new case', () => {
		const body = requestBody(form(), null);
		expect(body.clothing).toBeUndefined();
		expect('version' in body).toBe(false);
	});

	it('sends only schedule steps beyond the radius, and the time with an offset', () => {
		const body = requestBody({ ...form(), radiusKm: 250 }, null);
		expect(body.radiusSchedule.map((s) => s.radiusKm)).toEqual([300, 500]);
		expect(body.lastSeenAt).toMatch(/Z$/);
	});
});

describe('startingForm', () => {
	it('starts a new case with age and sex empty: no invented facts on a missing-child alert', () => {
		const form = startingForm(null);
		expect(form.age).toBeNull();
		expect(form.sex).toBe('');
	});
});
