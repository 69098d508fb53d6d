import type { WebhookEventType } from '../../../src/lib/schemas';
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
			await enqueueCaseEvent(env, row, type, now);
		} catch (error) {
			console.error(`webhooks: could not queue ${type} for ${row.id}`, error);
		}
	}
};
