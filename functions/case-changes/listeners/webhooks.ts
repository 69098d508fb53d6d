import type { WebhookEventType } from '../../../src/lib/schemas';
import { getCaseRow } from '../../db/cases';
import { enqueueCaseEvent } from '../../webhooks/enqueue';
import type { CaseChange, CaseChangeListener } from '../types';

/** The partner event for a change, or null where partners hear nothing (a photo, a never-public cancel). */
function webhookEventFor(change: CaseChange): WebhookEventType | null {
	switch (change.kind) {
		case 'published':
			return 'case.alert';
		case 'updated':
			return 'case.update';
		case 'radius':
			return 'case.radius';
		case 'resolved':
			return 'case.resolved';
		case 'cancelled':
			return change.wasPublished ? 'case.cancelled' : null;
		case 'withdrawn':
			return 'case.withdrawn';
		case 'photo':
			return null;
	}
}

/**
 * Partner webhooks (functions/webhooks): every partner whose area the circle meets, through the WEBHOOKS queue.
 * Last in the list, and it never throws: a partner problem must not turn a police action that already alerted
 * phones into an error (the route would skip its audit row), so a failure to queue is logged here.
 */
export const webhooksListener: CaseChangeListener = {
	name: 'webhooks',
	async onCaseChange(env, row, change, now) {
		const type = webhookEventFor(change);
		if (!type) return;
		try {
			// A withdrawal exists to take the child's details out of circulation: read the case as stored now, so a
			// row the caller held from before the reduction can never carry the full name or photo to partners.
			const current = change.kind === 'withdrawn' ? ((await getCaseRow(env.DB, row.id)) ?? row) : row;
			await enqueueCaseEvent(env, current, type, now);
		} catch (error) {
			console.error(`webhooks: could not queue ${type} for ${row.id}`, error);
		}
	}
};
