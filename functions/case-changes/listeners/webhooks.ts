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
		case 'handed_over':
			// The signed case in the payload names the new issuer.
			return 'case.update';
		case 'photo':
			return null;
	}
}

/**
 * Partner webhooks (functions/webhooks): every partner whose area the circle meets, through the WEBHOOKS queue.
 * A failure to queue throws: the announcement stays in the outbox and is delivered again, with the same event
 * id (`msg_` + the announcement's id), so a partner that got a first copy sees the same `webhook-id` twice and
 * drops it (Standard Webhooks: receivers deduplicate by id).
 */
export const webhooksListener: CaseChangeListener = {
	name: 'webhooks',
	async onCaseChange(env, row, change, now, announcementId) {
		const type = webhookEventFor(change);
		if (!type) return;
		// A withdrawal exists to take the child's details out of circulation: read the case as stored now, so a
		// row the caller held from before the reduction can never carry the full name or photo to partners.
		const current = change.kind === 'withdrawn' ? ((await getCaseRow(env.DB, row.id)) ?? row) : row;
		await enqueueCaseEvent(env, current, type, now, `msg_${announcementId}`);
	}
};
