import { describe, expect, it } from 'vitest';
import { phonesReached, progressRows, type DeliveryAnswer, type KindCounts } from './delivery-progress';

const kind = (selected: number, delivered: number, gone = 0, failed = 0): KindCounts => ({
	selected,
	delivered,
	gone,
	failed,
	pending: selected - delivered - gone - failed
});
const none = kind(0, 0);

function answer(byKind: Partial<DeliveryAnswer['byKind']>): DeliveryAnswer {
	const all = { alert: none, update: none, resolved: none, cancelled: none, ...byKind };
	const total = Object.values(all).reduce(
		(sum, k) =>
			kind(sum.selected + k.selected, sum.delivered + k.delivered, sum.gone + k.gone, sum.failed + k.failed),
		none
	);
	return { ...total, byKind: all };
}

describe('progressRows', () => {
	it('counts the alert and the "found" message apart after resolution', () => {
		const rows = progressRows(answer({ alert: kind(120, 110, 6, 4), resolved: kind(110, 40) }));
		expect(rows.map((r) => [r.kind, r.done, r.selected, r.pending])).toEqual([
			['alert', 120, 120, 0],
			['resolved', 40, 110, 70]
		]);
	});

	it('shows only the kinds that went out, in the order they go', () => {
		expect(progressRows(answer({ alert: kind(3, 1) })).map((r) => r.kind)).toEqual(['alert']);
		expect(progressRows(answer({})).length).toBe(0);
	});
});

describe('phonesReached', () => {
	it('is the phones the alert reached, not the total of every message', () => {
		expect(phonesReached(answer({ alert: kind(120, 110, 6, 4), update: kind(110, 110) }))).toBe(110);
	});
});
