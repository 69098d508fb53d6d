import { insertCapMessageStatement, type NewCapMessage } from '../../db/cap-messages';
import type { CaseRow } from '../../db/cases';
import type { CaseChange, CaseChangeListener } from '../types';

/** The CAP message a change sends, or null where nothing is announced (the push fan-out's rule). */
function messageFor(
	row: CaseRow,
	change: CaseChange,
	now: Date
): Omit<NewCapMessage, 'caseId' | 'version' | 'sentAt' | 'snapshot'> | null {
	// Like the fan-out job id (functions/fanout/plan.ts): an alert is one message per version and radius, while
	// follow-ups of one version are distinct messages.
	const key = (kind: string, inner = 0) =>
		[kind, row.version, row.radius_km, inner, kind === 'alert' ? '' : now.getTime()].join(':');
	const base = { radiusKm: row.radius_km, radiusStep: false, text: null };
	switch (change.kind) {
		case 'published':
			return { ...base, key: key('alert'), kind: 'alert' };
		case 'radius':
			return { ...base, key: key('alert', change.fromRadiusKm), kind: 'update', radiusStep: true };
		case 'updated':
			return { ...base, key: key('update'), kind: 'update', text: change.text };
		case 'resolved':
			return { ...base, key: key('resolved'), kind: 'resolved', text: change.text ?? null };
		case 'cancelled':
			return change.wasPublished ? { ...base, key: key('cancelled'), kind: 'cancelled' } : null;
		case 'handed_over':
			// An update without text: cap.ts says in each language which unit has the case now.
			return { ...base, key: key('handover'), kind: 'update' };
		case 'photo':
		case 'withdrawn':
			return null;
	}
}

/**
 * Records every CAP message as it is sent, with the case as it stands at that moment (migration 0070), so the
 * feeds and the console serve each message unchanged for ever after (CAP 1.2 §3.2.1; API.md "Interop rules").
 */
export const capMessagesListener: CaseChangeListener = {
	name: 'cap-messages',
	async onCaseChange(env, row, change, now) {
		const message = messageFor(row, change, now);
		if (!message) return;
		await insertCapMessageStatement(env.DB, {
			...message,
			caseId: row.id,
			version: row.version,
			sentAt: now.toISOString(),
			snapshot: row
		}).run();
	}
};
