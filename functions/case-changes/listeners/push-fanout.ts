import { startFanout, type FanoutRequest } from '../../fanout/plan';
import type { CaseChange, CaseChangeListener } from '../types';

/** The fan-out message for a change, or null where phones hear nothing (a photo, a never-public cancel, retention). */
function fanoutRequestFor(change: CaseChange): FanoutRequest | null {
	switch (change.kind) {
		case 'published':
			return { kind: 'alert' };
		case 'radius':
			// Only the new ring: everyone inside the old radius already has this alert.
			return { kind: 'alert', innerRadiusKm: change.fromRadiusKm };
		case 'updated':
			return { kind: 'update', text: change.text };
		case 'resolved':
			return { kind: 'resolved', text: change.text };
		case 'cancelled':
			return change.wasPublished ? { kind: 'cancelled' } : null;
		case 'photo':
		case 'handed_over':
			return null;
		case 'withdrawn':
			// Retention is no news: the devices heard "found" a week before, and a push now would only bring the
			// child's name back onto lock screens. Phones replace their copies when they next see the case.
			return null;
	}
}

/** Web Push to every device inside the circle (alerts) or every device the case reached (the rest). */
export const pushFanoutListener: CaseChangeListener = {
	name: 'push-fanout',
	async onCaseChange(env, row, change, now) {
		const request = fanoutRequestFor(change);
		if (!request) return;
		return { fanoutJobs: await startFanout(env, row, request, now) };
	}
};
