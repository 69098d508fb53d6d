import { getCaseRow, type CaseRow } from '../db/cases';
import {
	deleteDueHeldStatement,
	dueHeldAlertsOf,
	dueHeldDevices,
	MAX_DEVICES_PER_QUERY
} from '../db/held-alerts';
import type { Recipient } from '../db/recipients';
import { insertBatchStatement } from '../db/send-batches';
import { CASE_DB } from '../fanout/batch-dbs';
import { sendLeaseMs } from '../fanout/lease';
import { isSendingPaused } from '../db/settings';
import { createShardMap } from '../db/shards';
import { findRecipientsByIds } from '../db/subscriptions';
import type { Env } from '../env';
import type { SendQueueMessage } from '../fanout/queue-messages';
import { buildSummaryMessages } from '../fanout/quiet-summary';
import { enqueueSpread } from '../fanout/send-queues';

// Releases the alerts quiet hours held (functions/fanout/quiet-hold.ts) once each device's hours are over: one
// summary notification per device with the cases still open, sent through the normal SEND queues. A run handles
// at most ROUNDS × 90 devices; the rest are due at the next minute's run (a night's holds clear in minutes for a
// city; a national deployment would hand this to the fan-out queue as jobs, like an alert).
const ROUNDS = 20;
const SEND_BATCH_SIZE = 100;
/** Send-batch rows of a release carry this job id (send_batches.job_id), so reports tell them from fan-outs. */
export const RELEASE_JOB_ID = 'quiet-release';

/** Releases what is due at `now`; returns how many devices got a summary. The admin pause holds it too. */
export async function releaseHeldAlerts(env: Env, now: Date): Promise<number> {
	if (await isSendingPaused(env.DB)) return 0;
	let released = 0;
	for (let round = 0; round < ROUNDS; round++) {
		const devices = await dueHeldDevices(env.DB, now, MAX_DEVICES_PER_QUERY);
		if (!devices.length) break;
		released += await releaseDevices(env, devices, now, `${RELEASE_JOB_ID}:${now.getTime()}:${round}`);
	}
	return released;
}

async function releaseDevices(env: Env, devices: string[], now: Date, runId: string): Promise<number> {
	const due = await dueHeldAlertsOf(env.DB, devices, now);
	// Only cases still open are worth waking anyone for: a child found or an alert withdrawn overnight is dropped.
	const open = due.filter((h) => h.caseStatus === 'published');
	const cases = new Map<string, CaseRow>();
	for (const id of new Set(open.map((h) => h.caseId))) {
		const row = await getCaseRow(env.DB, id);
		if (row) cases.set(id, row);
	}
	const casesOf = new Map<string, string[]>();
	for (const h of open) casesOf.set(h.subscriptionId, [...(casesOf.get(h.subscriptionId) ?? []), h.caseId]);
	// Devices unsubscribed since are simply absent: their held alerts go with the rest below.
	const recipients = await findRecipientsByIds(createShardMap(env), [...casesOf.keys()]);
	const dueBy = new Date(now.getTime() + sendLeaseMs(env));
	const messages = summaryBatches(recipients, casesOf, cases, runId, dueBy);
	// Recorded first, so the sender finds the rows its outcomes go to; sent before the held rows are deleted, so a
	// run that dies in between repeats the summary at the next minute (same tag on the phone) instead of losing it.
	const records = messages.flatMap(({ message, caseIds }) =>
		caseIds.map((caseId) =>
			insertBatchStatement(
				env.DB,
				{
					id: `${message.batchId}:${caseId}`,
					caseId,
					kind: 'alert',
					jobId: RELEASE_JOB_ID,
					recipientIds: message.recipients.map((r) => r.id)
				},
				now,
				dueBy
			)
		)
	);
	if (records.length) await env.DB.batch(records);
	await enqueueSpread(
		env,
		messages.map((m) => m.message)
	);
	await deleteDueHeldStatement(env.DB, devices, now).run();
	return recipients.length;
}

interface SummaryBatch {
	message: SendQueueMessage;
	/** The cases it announces; `message.recordedAs` names their send-batch rows, `<batchId>:<caseId>`. */
	caseIds: string[];
}

/**
 * Devices held for the same cases share a message (the usual night: one area, the same alerts), ≤ 100 devices
 * each. Each case gets a send-batch row of kind `alert` with these devices, so the case counts them as reached
 * and its updates, resolution or cancellation reach them from now on.
 */
function summaryBatches(
	recipients: Recipient[],
	casesOf: Map<string, string[]>,
	cases: Map<string, CaseRow>,
	runId: string,
	dueBy: Date
): SummaryBatch[] {
	const groups = new Map<string, { rows: CaseRow[]; recipients: Recipient[] }>();
	for (const recipient of recipients) {
		const rows = (casesOf.get(recipient.id) ?? [])
			.map((id) => cases.get(id))
			.filter((row): row is CaseRow => row !== undefined)
			.sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? ''));
		if (!rows.length) continue;
		const key = rows.map((row) => row.id).join(' ');
		const group = groups.get(key) ?? { rows, recipients: [] };
		group.recipients.push(recipient);
		groups.set(key, group);
	}
	const batches: SummaryBatch[] = [];
	for (const { rows, recipients: members } of groups.values()) {
		const messages = buildSummaryMessages(rows);
		for (let i = 0; i < members.length; i += SEND_BATCH_SIZE) {
			const batchId = `${runId}#${String(batches.length).padStart(6, '0')}`;
			batches.push({
				message: {
					batchId,
					// The Topic (RFC 8030 §5.4) comes from this id: one per summary, so none replaces another unseen.
					caseId: batchId,
					kind: 'alert',
					attempt: 1,
					recipients: members.slice(i, i + SEND_BATCH_SIZE),
					messages,
					recordedAs: rows.map((row) => `${batchId}:${row.id}`),
					// A night's summaries are a few thousand devices a minute at most: their rows stay in the case
					// database (every follow-up also walks it), where they are recorded above.
					shard: CASE_DB,
					dueBy: dueBy.toISOString()
				},
				caseIds: rows.map((row) => row.id)
			});
		}
	}
	return batches;
}
