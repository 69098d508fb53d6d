import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/all';
import { PoliceApiError } from '../api';
import { problemFrom } from '../form/problem';

// The editor's words for a 403 outside_jurisdiction (API.md "Police units"): the unit the body names, in both
// languages; without one (no unit covers the point) the general advice.
describe('outside_jurisdiction in the console', () => {
	it('names the covering unit the API sent', () => {
		const error = new PoliceApiError(403, 'outside_jurisdiction', 'lat', { name: '武汉市公安局' });
		const problem = problemFrom(error, (path) => path);
		expect(problem).toMatchObject({ field: 'lat', key: 'units.outsideJurisdictionOf' });
		for (const lang of ['zh-CN', 'en'] as const)
			expect(translate(lang, problem.key, { ...problem.params, label: 'x' })).toContain('武汉市公安局');
	});

	it('falls back to the general advice when no unit covers the point', () => {
		const problem = problemFrom(new PoliceApiError(403, 'outside_jurisdiction', 'lat'), (path) => path);
		expect(problem.key).toBe('units.outsideJurisdiction');
		expect(translate('en', problem.key, problem.params)).not.toContain('{unit}');
	});
});
