import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../schemas';
import { applyLiveChanges } from './apply';

const summary = (id: string, publishedAt: string, placeName = 'P'): CaseSummary => ({
	id,
	status: 'published',
	childName: id,
	age: 5,
	sex: 'male',
	photoUrl: null,
	lastSeenAt: publishedAt,
	placeName,
	lat: 31,
	lon: 121,
	radiusKm: 100,
	publishedAt,
	demo: false,
	issuer: { code: '310000', name: '上海市公安局' }
});

describe('applyLiveChanges', () => {
	it('adds new cases, replaces updated ones in place and drops closed or vanished ones', () => {
		const list = [summary('b', '2026-11-28T02:00:00Z'), summary('a', '2026-11-28T01:00:00Z')];
		const result = applyLiveChanges(list, {
			c: { kind: 'alert', case: summary('c', '2026-11-28T03:00:00Z') },
			a: { kind: 'update', case: summary('a', '2026-11-28T01:00:00Z', 'New place') },
			b: { kind: 'resolved', case: summary('b', '2026-11-28T02:00:00Z') },
			z: { kind: 'gone' }
		});
		expect(result.map((item) => item.id)).toEqual(['c', 'a']);
		expect(result[1]!.placeName).toBe('New place');
		expect(applyLiveChanges(list, { a: { kind: 'cancelled', case: list[1]! } }).map((i) => i.id)).toEqual([
			'b'
		]);
	});
});
