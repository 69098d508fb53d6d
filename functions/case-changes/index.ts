import { getCaseRow, type CaseRow } from '../db/cases';
import {
	claimAnnouncement,
	insertAnnouncementStatement,
	listReceipts,
	markAnnouncementDelivered,
	recordReceipt,
	releaseAnnouncement
} from '../db/case-announcements';
import type { Env } from '../env';
import { backoffSeconds } from '../fanout/backoff';
import { randomId } from '../lib/hash';
import { caseChangeListeners } from './listeners';
import type { CaseChange, ListenerOutcome } from './types';

export type { CaseChange, CaseChangeKind, CaseChangeListener, ListenerOutcome } from './types';

/** A deliverer holds an announcement this long: far more than the listeners take (they only queue work). */
export const ANNOUNCEMENT_LEASE_MS = 60_000;
/** The queue retries a failed delivery this many times; past that the Cron pass keeps trying every minute. */
const QUEUE_ATTEMPTS = 5;

/** An announcement written with its change, not yet delivered. */
export interface RecordedChange {
	id: string;
	/** Goes into the change's own batch(): the change and its announcement commit together or not at all. */
	statement: D1PreparedStatement;
}

export interface Delivery extends Required<ListenerOutcome> {
	/** Listeners that threw: the announcement stays undelivered for the queue and the Cron (redeliver.ts). */
	failures: unknown[];
}

/**
 * The one seam for case changes (DESIGN.md), made durable (issue 18): the caller puts `statement` in the batch()
 * that commits the change, then calls {@link deliverAnnouncement}. If the Worker dies in between, the outbox row
 * is still there and the Cron delivers it. `at` is the announcement's identity in time: the `at` of push and
 * live alike, and of a follow-up's fan-out job, so every repeated delivery produces the same thing.
 */
export function recordCaseChange(
	db: D1Database,
	caseId: string,
	change: CaseChange,
	at = new Date()
): RecordedChange {
	const id = randomId(16);
	return {
		id,
		statement: insertAnnouncementStatement(
			db,
			{ id, caseId, change: JSON.stringify(change), at: at.toISOString() },
			at
		)
	};
}

/**
 * Hands an announcement to every listener that has not heard it yet, at least once: each listener's receipt is
 * written after it returns, so a Worker dying in between repeats that one listener, which is why each is
 * idempotent by the announcement (push: job ids from `at`; webhooks: the event id; live: pages keep case, kind
 * and `at`; public cache: one more generation is one more miss). `row` is the case after the change when the
 * caller holds it; a later delivery reads it as stored. Never throws: what failed stays for a later delivery.
 */
export async function deliverAnnouncement(
	env: Env,
	id: string,
	row?: CaseRow,
	now = new Date()
): Promise<Delivery> {
	const delivery: Delivery = { fanoutJobs: [], failures: [] };
	try {
		const claimed = await claimAnnouncement(env.DB, id, now, new Date(now.getTime() + ANNOUNCEMENT_LEASE_MS));
		if (!claimed) return delivery; // delivered already, or another deliverer holds it
		const current = row ?? (await getCaseRow(env.DB, claimed.caseId));
		const heard = await listReceipts(env.DB, id);
		const change = JSON.parse(claimed.change) as CaseChange;
		// A case forgotten since (its row deleted) has nothing left to announce.
		for (const listener of current ? caseChangeListeners : []) {
			if (heard.has(listener.name)) continue;
			try {
				const outcome = await listener.onCaseChange(env, current!, change, new Date(claimed.at), id);
				if (outcome?.fanoutJobs) delivery.fanoutJobs.push(...outcome.fanoutJobs);
				await recordReceipt(env.DB, id, listener.name, now);
			} catch (error) {
				console.error(
					`case change listener ${listener.name} failed on ${claimed.caseId} (${change.kind})`,
					error
				);
				delivery.failures.push(error);
			}
		}
		if (!delivery.failures.length) await markAnnouncementDelivered(env.DB, id, now);
		else await retryLater(env, id, claimed.attempts, delivery.failures[0]);
	} catch (error) {
		// D1 itself failed: the lease lapses and the Cron pass tries again.
		console.error(`could not deliver announcement ${id}`, error);
		delivery.failures.push(error);
	}
	return delivery;
}

async function retryLater(env: Env, id: string, attempts: number, error: unknown): Promise<void> {
	await releaseAnnouncement(env.DB, id, String(error));
	if (attempts >= QUEUE_ATTEMPTS) return;
	await env.FANOUT.send(
		{ announcementId: id },
		{ contentType: 'json', delaySeconds: backoffSeconds(attempts + 1) }
	).catch((e: unknown) => console.error(`could not queue announcement ${id}; the Cron will`, e));
}

/**
 * Announces a change committed without its own outbox row (a change that is its own announcement): records the
 * row alone, then delivers it. Routes use {@link recordCaseChange} instead, inside the change's batch().
 */
export async function announceCaseChange(
	env: Env,
	row: CaseRow,
	change: CaseChange,
	now = new Date()
): Promise<Delivery> {
	const recorded = recordCaseChange(env.DB, row.id, change, now);
	await recorded.statement.run();
	return deliverAnnouncement(env, recorded.id, row, now);
}
