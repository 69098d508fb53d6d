import { dueAnnouncementIds, pruneAnnouncements } from '../db/case-announcements';
import type { Env } from '../env';
import { deliverAnnouncement } from '.';

/**
 * An announcement younger than this may still be on its way to its first delivery (the batch committed, the
 * route about to deliver it): the Cron leaves it alone. Leases keep two deliverers apart in any case.
 */
export const ANNOUNCEMENT_GRACE_MS = 60_000;
/** Bounded per minute; a backlog after an outage drains over the next minutes. */
const PER_RUN = 20;
/** Delivered rows are kept a while for questions ("was partner X told?"), then pruned. */
const KEEP_DELIVERED_DAYS = 30;

/**
 * Cron (every minute), before the fan-out sweep: delivers every announcement that was committed but not
 * delivered (the Worker died between commit and announce, or a listener failed and the queue gave up).
 */
export async function redeliverAnnouncements(env: Env, now: Date): Promise<number> {
	const ids = await dueAnnouncementIds(env.DB, new Date(now.getTime() - ANNOUNCEMENT_GRACE_MS), now, PER_RUN);
	let delivered = 0;
	for (const id of ids) {
		const { failures } = await deliverAnnouncement(env, id, undefined, now);
		if (!failures.length) delivered += 1;
	}
	if (ids.length) console.warn(`re-delivered ${delivered} of ${ids.length} undelivered case announcements`);
	await pruneAnnouncements(env.DB, new Date(now.getTime() - KEEP_DELIVERED_DAYS * 86_400_000));
	return delivered;
}
