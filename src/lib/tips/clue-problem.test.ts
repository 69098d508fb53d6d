import { describe, expect, it } from 'vitest';
import { problemAt, problemFromRefusal, spelledReference } from './clue-problem';

describe('clue problems', () => {
	it('lands a field’s problem on that field, and both coordinates on the point', () => {
		expect(problemAt('message')).toEqual({ key: 'clue.error.message', field: 'message' });
		expect(problemAt('lat')).toEqual({ key: 'clue.error.where', field: 'where' });
		expect(problemAt('lon')).toEqual({ key: 'clue.error.where', field: 'where' });
		expect(problemAt('photo')).toEqual({ key: 'clue.error.photo', field: 'photo' });
	});

	it('says something general for a path the form does not show', () => {
		expect(problemAt('clientId')).toEqual({ key: 'clue.error.general', field: null });
		expect(problemAt(undefined)).toEqual({ key: 'clue.error.general', field: null });
	});

	it('reads the API’s codes', () => {
		expect(problemFromRefusal({ code: 'rate_limited' }).key).toBe('clue.error.rateLimited');
		expect(problemFromRefusal({ code: 'conflict' }).key).toBe('clue.error.closed');
		expect(problemFromRefusal({ code: 'too_large' })).toEqual({
			key: 'clue.error.photoTooLarge',
			field: 'photo'
		});
		expect(problemFromRefusal({ code: 'validation_failed', field: 'seenAt' }).field).toBe('seenAt');
	});

	it('spells a reference one character at a time', () => {
		expect(spelledReference('K7Q-4MD')).toBe('K 7 Q 4 M D');
	});
});
