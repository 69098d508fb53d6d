import { holdAlert, quietHoursEnd } from '../../src/lib/quiet-hours/decide';
import type { CaseRow } from '../db/cases';
import type { FanoutJob } from '../db/fanout-jobs';
import { insertHeldStatement, type HeldAlert } from '../db/held-alerts';
import type { Recipient } from '../db/recipients';

// Quiet hours (issue 9): people switch alerts off when they ring at night, so a NEW alert (a case's first alert or
// a radius step's new ring) waits for the end of a device's quiet hours, unless the child was seen under 3 h ago
// within 25 km of the device's region (src/lib/quiet-hours/decide.ts). What a real system must then keep true:
// - A held device is recorded in held_alerts, not among its send batch's recipients. Updates, resolutions and
//   cancellations walk those recipients, so they reach exactly the devices that SAW the alert and are never held
//   (the device was already woken for this case; its outcome is the news it is waiting for), while a device
//   whose alert is still held never gets an update or a "found" for an alert it never saw.
// - The Cron release (functions/cron/quiet-release.ts) sends one summary per device with the cases still open,
//   and only then records the device among the case's alert recipients, so later updates reach it; an alert held
//   for a case closed meanwhile is dropped: waking someone at 07:00 for a child already found helps nobody.
// - Exercises are never held: an officer's drill tests the chain now, on devices registered for it.

export interface QuietSplit {
	send: Recipient[];
	held: HeldAlert[];
}

/** Splits an alert step's recipients into those sent now and those held until their quiet hours end. */
export function splitForQuietHours(
	job: FanoutJob,
	row: CaseRow,
	recipients: Recipient[],
	now: Date
): QuietSplit {
	const send: Recipient[] = [];
	const held: HeldAlert[] = [];
	const alert = { lastSeenAt: row.last_seen_at, lastSeen: { lat: row.lat, lon: row.lon } };
	for (const recipient of recipients) {
		const { quiet, ...queued } = recipient;
		if (job.kind === 'alert' && !job.exercise && quiet && holdAlert(quiet.hours, alert, quiet.region, now)) {
			held.push({
				subscriptionId: recipient.id,
				caseId: job.caseId,
				// The step's first batch: the send batch this device would have gone out in.
				batchId: `${job.id}#${String(job.batchSeq).padStart(6, '0')}`,
				geohash: quiet.region,
				releaseAt: quietHoursEnd(quiet.hours, now).toISOString()
			});
		} else send.push(queued);
	}
	return { send, held };
}

/** The held rows as statements for the step's one D1 batch (idempotent: a repeated step inserts nothing new). */
export function heldStatements(db: D1Database, held: HeldAlert[], now: Date): D1PreparedStatement[] {
	return held.map((h) => insertHeldStatement(db, h, now));
}
