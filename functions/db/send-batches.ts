import type { MessageKind } from './fanout-jobs';

export interface BatchOutcome {
	/** Which attempt this is (SendQueueMessage.attempt). */
	attempt: number;
	/** When a retry copy is queued: its recipients and when its outcome is due; null when the batch is settled. */
	next: { pendingIds: string[]; dueBy: Date } | null;
	delivered: number;
	gone: number;
	failed: number;
	retried: number;
	failureReasons: string[];
	deliveredAt: string | null;
}

export interface DeliveryCounts {
	selected: number;
	delivered: number;
	gone: number;
	failed: number;
	pending: number;
	firstAt: string | null;
	lastAt: string | null;
}

const INSERT = `INSERT INTO send_batches (id, case_id, kind, job_id, recipients, selected, created_at, updated_at, due_by)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;
// One row update per batch attempt, whatever its size (counters only ever add up); an invocation's updates go
// to D1 together (recordBatchOutcomes).
const RECORD = `UPDATE send_batches SET delivered = delivered + ?1, gone = gone + ?2, failed = failed + ?3,
	retried = retried + ?4,
	failure_reasons = CASE WHEN ?5 IS NULL THEN failure_reasons ELSE substr(coalesce(failure_reasons || '; ', '') || ?5, 1, 2000) END,
	first_delivered_at = coalesce(first_delivered_at, ?6), last_delivered_at = coalesce(?6, last_delivered_at), updated_at = ?7,
	due_by = CASE WHEN ?9 >= attempt THEN ?10 ELSE due_by END, pending = CASE WHEN ?9 >= attempt THEN ?11 ELSE pending END,
	attempt = max(attempt, ?9)
	WHERE id = ?8`;
// A consumer took these batches (or a pause sent them round again): their outcome is due later.
const LEASE = `UPDATE send_batches SET due_by = ?1 WHERE due_by IS NOT NULL AND id IN (SELECT value FROM json_each(?2))`;
// Batches whose outcome is overdue: their SEND message was lost (a crash) or their consumer died.
const OVERDUE = `SELECT id, case_id AS caseId, kind, job_id AS jobId, coalesce(pending, recipients) AS recipients, resent, attempt
	FROM send_batches WHERE due_by IS NOT NULL AND due_by < ?1 ORDER BY due_by LIMIT ?2`;
const RESENT = `UPDATE send_batches SET due_by = ?1, resent = resent + 1 WHERE id = ?2`;
const GIVE_UP = `UPDATE send_batches SET due_by = NULL, failure_reasons = substr(coalesce(failure_reasons || '; ', '') || ?1, 1, 2000)
	WHERE id = ?2`;
const TOTALS = `SELECT kind, sum(selected) AS selected, sum(delivered) AS delivered, sum(gone) AS gone, sum(failed) AS failed,
	min(first_delivered_at) AS firstAt, max(last_delivered_at) AS lastAt
	FROM send_batches WHERE case_id = ? GROUP BY kind`;
const CHANGED_TOTALS = `SELECT case_id AS caseId, kind, sum(selected) AS selected, sum(delivered) AS delivered, sum(gone) AS gone,
	sum(failed) AS failed, min(first_delivered_at) AS firstAt, max(last_delivered_at) AS lastAt
	FROM send_batches WHERE case_id IN (SELECT DISTINCT case_id FROM send_batches WHERE updated_at >= ?1)
	GROUP BY case_id, kind`;
const LATEST_CHANGE = `SELECT max(updated_at) AS latest FROM send_batches WHERE updated_at >= ?1`;
const BY_ID_RANGE = `SELECT id, recipients FROM send_batches WHERE id >= ? AND id < ? ORDER BY id`;
const RECIPIENT_PAGE = `SELECT id, recipients FROM send_batches WHERE case_id = ? AND kind = 'alert' AND id > ? ORDER BY id LIMIT ?`;

/** A recorded batch's outcome is due this long after it is recorded or taken (deployments may tune it). */
export const DEFAULT_SEND_LEASE_SECONDS = 600;

/** `dueBy`: when the batch's first outcome is due (recorded now + the send lease). */
export function insertBatchStatement(
	db: D1Database,
	batch: { id: string; caseId: string; kind: MessageKind; jobId: string; recipientIds: string[] },
	now: Date,
	dueBy = new Date(now.getTime() + DEFAULT_SEND_LEASE_SECONDS * 1000)
): D1PreparedStatement {
	const at = now.toISOString();
	return db
		.prepare(INSERT)
		.bind(
			batch.id,
			batch.caseId,
			batch.kind,
			batch.jobId,
			JSON.stringify(batch.recipientIds),
			batch.recipientIds.length,
			at,
			at,
			dueBy.toISOString()
		);
}

/**
 * The outcomes of one SEND invocation's batches in one D1 batch(): one round trip per invocation, whatever
 * its number of messages, and the counters land together or not at all.
 */
export async function recordBatchOutcomes(
	db: D1Database,
	outcomes: Array<{ batchId: string; outcome: BatchOutcome }>,
	now: Date
): Promise<void> {
	if (!outcomes.length) return;
	const at = now.toISOString();
	await db.batch(
		outcomes.map(({ batchId, outcome }) => {
			const reasons = outcome.failureReasons.length ? [...new Set(outcome.failureReasons)].join('; ') : null;
			return db
				.prepare(RECORD)
				.bind(
					outcome.delivered,
					outcome.gone,
					outcome.failed,
					outcome.retried,
					reasons,
					outcome.deliveredAt,
					at,
					batchId,
					outcome.attempt,
					outcome.next?.dueBy.toISOString() ?? null,
					outcome.next ? JSON.stringify(outcome.next.pendingIds) : null
				);
		})
	);
}

/** Moves the due time of batches still open (one statement, whatever their number). */
export async function extendBatchLeases(db: D1Database, batchIds: string[], dueBy: Date): Promise<void> {
	if (!batchIds.length) return;
	await db.prepare(LEASE).bind(dueBy.toISOString(), JSON.stringify(batchIds)).run();
}

export interface OverdueBatch {
	id: string;
	caseId: string;
	kind: MessageKind;
	jobId: string;
	/** The devices still to send: those of the lost retry copy, or the whole batch. */
	recipientIds: string[];
	resent: number;
	/** The last attempt whose outcome was recorded (0: none). */
	attempt: number;
}

/** Open batches whose outcome was due before `now`, most overdue first. */
export async function overdueBatches(db: D1Database, now: Date, limit: number): Promise<OverdueBatch[]> {
	const { results } = await db
		.prepare(OVERDUE)
		.bind(now.toISOString(), limit)
		.all<Omit<OverdueBatch, 'recipientIds'> & { recipients: string }>();
	return results.map(({ recipients, ...row }) => ({
		...row,
		recipientIds: JSON.parse(recipients) as string[]
	}));
}

/** The batch went back on a SEND queue; its outcome is due again at `dueBy`. */
export function resentBatchStatement(db: D1Database, id: string, dueBy: Date): D1PreparedStatement {
	return db.prepare(RESENT).bind(dueBy.toISOString(), id);
}

/** The batch's outcome is due later, without counting a re-send (its job will send it). */
export function extendLeaseStatement(db: D1Database, id: string, dueBy: Date): D1PreparedStatement {
	return db.prepare(LEASE).bind(dueBy.toISOString(), JSON.stringify([id]));
}

/** No more re-sends for this batch; the reason shows in the deliveries' failure reasons. */
export function giveUpBatchStatement(db: D1Database, id: string, reason: string): D1PreparedStatement {
	return db.prepare(GIVE_UP).bind(reason, id);
}

/** API.md deliveries: totals and per message kind. Pending = selected minus every final outcome. */
export type CaseDeliveries = DeliveryCounts & { byKind: Record<MessageKind, DeliveryCounts> };

/**
 * API.md deliveries of a case, added up over every database that holds its batches (issue 23: each shard
 * records its own), read live so the police screen sees a fan-out as it goes.
 */
export async function deliveryCounts(dbs: D1Database[], caseId: string): Promise<CaseDeliveries> {
	const rows = await Promise.all(
		dbs.map(async (db) => (await db.prepare(TOTALS).bind(caseId).all<KindTotals>()).results)
	);
	return sumDeliveries(rows.flat());
}

/** One database's sums for one case and kind (a send_batches aggregate or a send_totals row). */
export interface KindTotals {
	kind: MessageKind;
	selected: number;
	delivered: number;
	gone: number;
	failed: number;
	firstAt: string | null;
	lastAt: string | null;
}

/** Adds up per-database (or per-shard) totals into API.md's deliveries, pending included. */
export function sumDeliveries(rows: KindTotals[]): CaseDeliveries {
	const empty = (): DeliveryCounts => ({
		selected: 0,
		delivered: 0,
		gone: 0,
		failed: 0,
		pending: 0,
		firstAt: null,
		lastAt: null
	});
	const byKind = { alert: empty(), update: empty(), resolved: empty(), cancelled: empty() };
	const total = empty();
	for (const row of rows) {
		for (const counts of [byKind[row.kind], total]) {
			counts.selected += row.selected;
			counts.delivered += row.delivered;
			counts.gone += row.gone;
			counts.failed += row.failed;
			counts.firstAt = min(counts.firstAt, row.firstAt);
			counts.lastAt = max(counts.lastAt, row.lastAt);
		}
	}
	for (const counts of [...Object.values(byKind), total])
		counts.pending = Math.max(0, counts.selected - counts.delivered - counts.gone - counts.failed);
	return { ...total, byKind };
}

/** The roll-up's read of one database: per case and kind, the sums of every case whose batches changed since. */
export async function changedCaseTotals(
	db: D1Database,
	since: string
): Promise<Array<KindTotals & { caseId: string }>> {
	return (await db.prepare(CHANGED_TOTALS).bind(since).all<KindTotals & { caseId: string }>()).results;
}

/** The latest batch change (updated_at) at or after `since`, or null (an index seek). */
export async function latestBatchChange(db: D1Database, since: string): Promise<string | null> {
	return (await db.prepare(LATEST_CHANGE).bind(since).first<{ latest: string | null }>())?.latest ?? null;
}

/** The devices a case's alert reached, one recorded batch at a time (keyset on the batch id). */
export async function alertRecipientPage(
	db: D1Database,
	caseId: string,
	afterBatchId: string,
	limit: number
): Promise<Array<{ id: string; recipientIds: string[] }>> {
	const { results } = await db
		.prepare(RECIPIENT_PAGE)
		.bind(caseId, afterBatchId, limit)
		.all<{ id: string; recipients: string }>();
	return results.map((row) => ({ id: row.id, recipientIds: JSON.parse(row.recipients) as string[] }));
}

/** Recorded batches with ids in [from, to): a job's batches between two sequence numbers (primary key range). */
export async function batchesBetween(
	db: D1Database,
	from: string,
	to: string
): Promise<Array<{ id: string; recipientIds: string[] }>> {
	const { results } = await db.prepare(BY_ID_RANGE).bind(from, to).all<{ id: string; recipients: string }>();
	return results.map((row) => ({ id: row.id, recipientIds: JSON.parse(row.recipients) as string[] }));
}

function min(a: string | null, b: string | null): string | null {
	return a === null ? b : b === null ? a : a < b ? a : b;
}
function max(a: string | null, b: string | null): string | null {
	return a === null ? b : b === null ? a : a > b ? a : b;
}
