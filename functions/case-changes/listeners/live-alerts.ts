import type { LiveKind } from '../../../src/lib/schemas/live';
import { broadcastCaseChange } from '../../live/broadcast';
import type { CaseChange, CaseChangeListener } from '../types';

/** What open pages are told, or null where they hear nothing (a photo, a never-public cancel, retention). */
function liveKindFor(change: CaseChange): LiveKind | null {
	switch (change.kind) {
		case 'published':
		case 'radius':
			// A device inside the old radius has this alert already and does not announce it again (src/lib/live).
			return 'alert';
		case 'updated':
			return 'update';
		case 'resolved':
			return 'resolved';
		case 'cancelled':
			return change.wasPublished ? 'cancelled' : null;
		case 'photo':
		case 'handed_over':
			return null;
		case 'withdrawn':
			// Nothing: pages list a closed case for 24 h only (include=closed), retention comes days later, and a
			// second 'resolved' would announce "found" again on every open page in the circle.
			return null;
	}
}

/** Live alerts: every open page in the cells the circle meets (functions/live), exercises never. */
export const liveAlertsListener: CaseChangeListener = {
	name: 'live-alerts',
	async onCaseChange(env, row, change, now) {
		const kind = liveKindFor(change);
		if (kind) await broadcastCaseChange(env, row, kind, now);
	}
};
