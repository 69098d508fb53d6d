import type { MessageKind } from './fanout-jobs';

export interface BatchOutcome {
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

const INSERT = `INSERT INTO send_batches (id, case_id, kind, job_id, recipients, selected, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;
// One row update per batch attempt, whatever its size (counters only ever add up); an invocation's updates go
// to D1 together (recordBatchOutcomes).
const RECORD = `UPDATE send_batches SET delivered = delivered + ?, gone = gone + ?, failed = failed + ?, retried = retried + ?,
	failure_reasons = CASE WHEN ? IS NULL THEN failure_reasons ELSE substr(coalesce(failure_reasons || '; ', '') || ?, 1, 2000) END,
	first_delivered_at = coalesce(first_delivered_at, ?), last_delivered_at = coalesce(?, last_delivered_at), updated_at = ?
	WHERE id = ?`;
const TOTALS = `SELECT kind, sum(selected) AS selected, sum(delivered) AS delivered, sum(gone) AS gone, sum(failed) AS failed,
	min(first_delivered_at) AS firstAt, max(last_delivered_at) AS lastAt
	FROM send_batches WHERE case_id = ? GROUP BY kind`;
const BY_ID_RANGE = `SELECT id, recipients FROM send_batches WHERE id >= ? AND id < ? ORDER BY id`;
const RECIPIENT_PAGE = `SELECT id, recipients FROM send_batches WHERE case_id = ? AND kind = 'alert' AND id > ? ORDER BY id LIMIT ?`;

export function insertBatchStatement(
	db: D1Database,
	batch: { id: string; caseId: string; kind: MessageKind; jobId: string; recipientIds: string[] },
	now: Date
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
			at
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
					reasons,
					outcome.deliveredAt,
					outcome.deliveredAt,
					at,
					batchId
				);
		})
	);
}

/** API.md deliveries: totals and per message kind. Pending = selected minus every final outcome. */
export async function deliveryCounts(
	db: D1Database,
	caseId: string
): Promise<DeliveryCounts & { byKind: Record<MessageKind, DeliveryCounts> }> {
	const { results } = await db
		.prepare(TOTALS)
		.bind(caseId)
		.all<Omit<DeliveryCounts, 'pending'> & { kind: MessageKind }>();
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
	for (const row of results) {
		const counts = { ...row, pending: Math.max(0, row.selected - row.delivered - row.gone - row.failed) };
		byKind[row.kind] = {
			selected: counts.selected,
			delivered: counts.delivered,
			gone: counts.gone,
			failed: counts.failed,
			pending: counts.pending,
			firstAt: counts.firstAt,
			lastAt: counts.lastAt
		};
		total.selected += counts.selected;
		total.delivered += counts.delivered;
		total.gone += counts.gone;
		total.failed += counts.failed;
		total.pending += counts.pending;
		total.firstAt = min(total.firstAt, counts.firstAt);
		total.lastAt = max(total.lastAt, counts.lastAt);
	}
	return { ...total, byKind };
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
