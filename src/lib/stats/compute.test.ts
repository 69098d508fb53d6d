import { describe, expect, it } from 'vitest';
import { statsSchema } from '../schemas/stats';
import { computeStats, type CaseForStats } from './compute';

const base: CaseForStats = {
	status: 'published',
	exercise: false,
	demo: false,
	publishedAt: null,
	resolvedAt: null,
	circumstance: null
};
const c = (fields: Partial<CaseForStats>): CaseForStats => ({ ...base, ...fields });

// Hand-computed: times in UTC; months on Shanghai's clock (UTC+8).
const FIXTURE: CaseForStats[] = [
	// Found after 2 h; published 30 Sep 20:00 UTC = 1 Oct 04:00 in Shanghai → October.
	c({
		status: 'resolved',
		publishedAt: '2026-09-30T20:00:00Z',
		resolvedAt: '2026-09-30T22:00:00Z',
		circumstance: 'voluntary'
	}),
	// Found after 10 h, in October.
	c({
		status: 'resolved',
		publishedAt: '2026-10-10T00:00:00Z',
		resolvedAt: '2026-10-10T10:00:00Z',
		circumstance: 'voluntary'
	}),
	// Found after 30 h; published 31 Oct 16:00 UTC = 1 Nov 00:00 in Shanghai → November, found 2 Nov.
	c({
		status: 'resolved',
		publishedAt: '2026-10-31T16:00:00Z',
		resolvedAt: '2026-11-01T22:00:00Z',
		circumstance: 'lost'
	}),
	// Found after 5 h, no circumstance recorded → unknown.
	c({ status: 'resolved', publishedAt: '2026-12-05T00:00:00Z', resolvedAt: '2026-12-05T05:00:00Z' }),
	// Still open, December.
	c({ status: 'published', publishedAt: '2026-12-20T00:00:00Z' }),
	// Never counted: cancelled, exercise, demo, never published.
	c({ status: 'cancelled', publishedAt: '2026-10-01T00:00:00Z' }),
	c({
		status: 'resolved',
		exercise: true,
		publishedAt: '2026-10-01T00:00:00Z',
		resolvedAt: '2026-10-01T01:00:00Z'
	}),
	c({
		status: 'resolved',
		demo: true,
		publishedAt: '2026-10-01T00:00:00Z',
		resolvedAt: '2026-10-01T01:00:00Z'
	}),
	c({ status: 'draft' })
];

describe('computeStats', () => {
	const stats = computeStats(FIXTURE, 'Asia/Shanghai', new Date('2027-01-15T00:00:00Z'));

	it('counts published and found cases, leaving out cancelled, exercise, demo and unpublished ones', () => {
		expect(stats.published).toBe(5);
		expect(stats.resolved).toBe(4);
		expect(stats.recoveryRate).toBe(0.8);
	});

	it('takes the median of 2, 5, 10 and 30 hours: 7.5', () => {
		expect(stats.medianHoursToRecovery).toBe(7.5);
	});

	it('splits found children by circumstance', () => {
		expect(stats.byCircumstance).toEqual({ voluntary: 2, lost: 1, abducted: 0, other: 0, unknown: 1 });
	});

	it('counts months on the force’s clock, with empty months as zeros, up to now', () => {
		expect(stats.monthly).toEqual([
			{ month: '2026-10', published: 2, resolved: 2 },
			{ month: '2026-11', published: 1, resolved: 1 },
			{ month: '2026-12', published: 2, resolved: 1 },
			{ month: '2027-01', published: 0, resolved: 0 }
		]);
	});

	it('answers the API shape', () => {
		expect(statsSchema.parse(stats)).toEqual(stats);
	});

	it('says nothing rather than 0 % when nothing was published', () => {
		expect(computeStats([], 'Asia/Shanghai', new Date())).toEqual({
			published: 0,
			resolved: 0,
			recoveryRate: null,
			medianHoursToRecovery: null,
			byCircumstance: { voluntary: 0, lost: 0, abducted: 0, other: 0, unknown: 0 },
			monthly: []
		});
	});
});
