import { describe, expect, it } from 'vitest';
import { announcementTime, recordShown, shouldAnnounce, type ShownRecord } from './shown';

const NOW = 1_700_000_000_000;

function after(...steps: [Parameters<typeof recordShown>[1], number?][]): ShownRecord | undefined {
	let record: ShownRecord | undefined;
	for (const [kind, version] of steps) record = recordShown(record, kind, version, NOW);
	return record;
}

const T1 = Date.parse('2026-11-28T01:00:00Z');
const T2 = T1 + 60_000;
const T3 = T2 + 60_000;

describe('one announcement per change', () => {
	it('announces a case first seen, whatever the kind', () => {
		for (const kind of ['alert', 'update', 'resolved', 'cancelled'] as const)
			expect(shouldAnnounce(undefined, kind, 2)).toBe(true);
	});

	it('announces an alert once, however many paths bring it', () => {
		expect(shouldAnnounce(after(['alert', 1]), 'alert', 1)).toBe(false);
		// A radius step re-sends the alert: still the same case to this device.
		expect(shouldAnnounce(after(['alert', 1]), 'alert', 2)).toBe(false);
		expect(shouldAnnounce(after(['update', 3]), 'alert', 1)).toBe(false);
	});

	it('announces each update once, told apart by when it was posted, and an update without a time', () => {
		const record = after(['alert', T1], ['update', T2]);
		expect(shouldAnnounce(record, 'update', T2)).toBe(false);
		expect(shouldAnnounce(record, 'update', T1)).toBe(false);
		expect(shouldAnnounce(record, 'update', T3)).toBe(true);
		expect(shouldAnnounce(record, 'update')).toBe(true);
	});

	it('announces the close once and nothing after it', () => {
		const resolved = after(['alert', 1], ['resolved', 4]);
		expect(shouldAnnounce(resolved, 'resolved', 4)).toBe(false);
		expect(shouldAnnounce(resolved, 'update', 9)).toBe(false);
		expect(shouldAnnounce(resolved, 'cancelled', 5)).toBe(false);
		expect(shouldAnnounce(after(['alert', 1]), 'cancelled', 2)).toBe(true);
	});
});

describe('one identity across push, live and catch-up', () => {
	it('reads the `at` both paths carry, and nothing from a missing or broken one', () => {
		expect(announcementTime('2026-11-28T01:00:00.000Z')).toBe(T1);
		expect(announcementTime(undefined)).toBeUndefined();
		expect(announcementTime('not a time')).toBeUndefined();
	});

	it('announces an update heard live and by push once, in either order', () => {
		const at = announcementTime(new Date(T2).toISOString());
		const paths = [
			['live', at],
			['push', at]
		] as const;
		for (const order of [paths, [...paths].reverse()]) {
			let record = after(['alert', T1]);
			const announced: string[] = [];
			for (const [path, time] of order) {
				if (!shouldAnnounce(record, 'update', time)) continue;
				announced.push(path);
				record = recordShown(record, 'update', time, NOW);
			}
			expect(announced).toEqual([order[0][0]]);
		}
	});

	it('announces an alert heard by push, live and catch-up once', () => {
		let record: ShownRecord | undefined;
		const announced = ['push', 'live', 'catch-up'].filter((path) => {
			if (!shouldAnnounce(record, 'alert', path === 'catch-up' ? undefined : T1)) return false;
			record = recordShown(record, 'alert', T1, NOW);
			return true;
		});
		expect(announced).toEqual(['push']);
	});
});
