import type { GeohashRange } from '../../src/lib/geo';
import type { CoveringCursor } from './recipients';

export type MessageKind = 'alert' | 'update' | 'resolved' | 'cancelled';

/** Position in the send batches a case's alert recorded: the last batch id read ('' = from the first). */
export interface RecordedCursor {
	afterBatchId: string;
}

export type JobCursor = CoveringCursor | RecordedCursor;

interface JobCommon {
	id: string;
	caseId: string;
	kind: MessageKind;
	lat: number;
	lon: number;
	radiusKm: number;
	innerRadiusKm: number;
	exercise: boolean;
	text: string | null;
	batchSeq: number;
	/** Send batches below this sequence number are known to be on the SEND queue. */
	enqueuedSeq: number;
	selected: number;
	rowsRead: number;
	done: boolean;
	/** When the change was announced (ISO): the push carries it as `at`, the same time live pages hear. */
	createdAt: string;
	/**
	 * The shard (binding name) whose database holds the job's send batches: for an alert, the shard it walks;
	 * for a follow-up, the shard whose alert batches it walks (issue 23: batches live where the devices are).
	 */
	shard: string;
}

/** An alert: walks the covering of its circle in one shard. */
export interface CoveringJob extends JobCommon {
	source: 'covering';
	ranges: GeohashRange[];
	cursor: CoveringCursor;
}

/** A follow-up (update, resolution, cancellation): walks the recipients its case's alert recorded. */
export interface RecordedJob extends JobCommon {
	source: 'recorded';
	cursor: RecordedCursor;
}

export type FanoutJob = CoveringJob | RecordedJob;

type Progress = 'cursor' | 'batchSeq' | 'enqueuedSeq' | 'selected' | 'rowsRead' | 'done';
// createdAt is the insert's `now`, given to insertJobStatement.
export type NewFanoutJob =
	Omit<CoveringJob, Progress | 'createdAt'> | Omit<RecordedJob, Progress | 'createdAt'>;

interface JobRow {
	id: string;
	case_id: string;
	kind: MessageKind;
	source: 'covering' | 'recorded';
	shard: string;
	lat: number;
	lon: number;
	radius_km: number;
	inner_radius_km: number;
	exercise: number;
	text: string | null;
	ranges: string;
	range_index: number;
	cursor_geohash: string;
	cursor_id: string;
	after_batch_id: string;
	batch_seq: number;
	enqueued_seq: number;
	selected: number;
	rows_read: number;
	status: 'running' | 'done';
	created_at: string;
}

const INSERT = `INSERT INTO fanout_jobs (id, case_id, kind, source, shard, lat, lon, radius_km, inner_radius_km, exercise,
	text, ranges, status, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?) ON CONFLICT (id) DO NOTHING`;
const BY_ID = `SELECT * FROM fanout_jobs WHERE id = ?`;
const ADVANCE = `UPDATE fanout_jobs SET range_index = ?, cursor_geohash = ?, cursor_id = ?, after_batch_id = ?, batch_seq = ?,
	selected = selected + ?, rows_read = rows_read + ?, status = ?, updated_at = ? WHERE id = ? AND batch_seq = ?`;

const ENQUEUED = `UPDATE fanout_jobs SET enqueued_seq = ?2 WHERE id = ?1 AND enqueued_seq < ?2`;
// Ends an alert whose case closed. Guarded by the batch sequence the step read: a step that moved the job meanwhile
// recorded batches the follow-up must wait for, and its next step closes the job instead.
const CLOSE = `UPDATE fanout_jobs SET status = 'done', updated_at = ? WHERE id = ? AND batch_seq = ? AND status = 'running'`;
const TOUCH = `UPDATE fanout_jobs SET updated_at = ? WHERE id = ? AND status = 'running'`;
const ALERT_RUNNING = `SELECT 1 FROM fanout_jobs WHERE case_id = ? AND kind = 'alert' AND status = 'running' LIMIT 1`;
const STALLED = `SELECT id FROM fanout_jobs WHERE status = 'running' AND updated_at < ? ORDER BY updated_at LIMIT ?`;

export function insertJobStatement(db: D1Database, job: NewFanoutJob, now: Date): D1PreparedStatement {
	const at = now.toISOString();
	const ranges = job.source === 'covering' ? job.ranges : [];
	return db
		.prepare(INSERT)
		.bind(
			job.id,
			job.caseId,
			job.kind,
			job.source,
			job.shard,
			job.lat,
			job.lon,
			job.radiusKm,
			job.innerRadiusKm,
			job.exercise ? 1 : 0,
			job.text,
			JSON.stringify(ranges.map((r) => [r.from, r.to])),
			at,
			at
		);
}

export async function getJob(db: D1Database, id: string): Promise<FanoutJob | null> {
	const row = await db.prepare(BY_ID).bind(id).first<JobRow>();
	return row ? toJob(row) : null;
}

/**
 * Records progress after a step. Guarded by the batch sequence the step started from, so a duplicate delivery
 * of the same step cannot move the cursor twice.
 */
export function advanceJobStatement(
	db: D1Database,
	job: FanoutJob,
	next: JobCursor | null,
	batchSeq: number,
	counts: { selected: number; rowsRead: number },
	now: Date
): D1PreparedStatement {
	const cursor = next ?? job.cursor;
	const position =
		'afterBatchId' in cursor
			? [0, '', '', cursor.afterBatchId]
			: [cursor.rangeIndex, cursor.geohash, cursor.id, ''];
	return db
		.prepare(ADVANCE)
		.bind(
			...position,
			batchSeq,
			counts.selected,
			counts.rowsRead,
			next ? 'running' : 'done',
			now.toISOString(),
			job.id,
			job.batchSeq
		);
}

function toJob(row: JobRow): FanoutJob {
	const common = {
		id: row.id,
		caseId: row.case_id,
		kind: row.kind,
		lat: row.lat,
		lon: row.lon,
		radiusKm: row.radius_km,
		innerRadiusKm: row.inner_radius_km,
		exercise: row.exercise === 1,
		text: row.text,
		batchSeq: row.batch_seq,
		enqueuedSeq: row.enqueued_seq,
		selected: row.selected,
		rowsRead: row.rows_read,
		done: row.status === 'done',
		createdAt: row.created_at,
		// A follow-up planned before issue 23 has no shard: it walks the case database, where its alert recorded.
		shard: row.shard || 'DB'
	};
	if (row.source === 'recorded')
		return { ...common, source: 'recorded', cursor: { afterBatchId: row.after_batch_id } };
	const ranges = (JSON.parse(row.ranges) as [string, string][]).map(([from, to]) => ({ from, to }));
	return {
		...common,
		source: 'covering',
		ranges,
		cursor: { rangeIndex: row.range_index, geohash: row.cursor_geohash, id: row.cursor_id }
	};
}

/** Records that the job's send batches up to `batchSeq` are on the queue. */
export async function markEnqueued(db: D1Database, jobId: string, batchSeq: number): Promise<void> {
	await db.prepare(ENQUEUED).bind(jobId, batchSeq).run();
}

/** Ends a job early (its case closed); false when another step moved it meanwhile. */
export async function closeJob(db: D1Database, job: FanoutJob, now: Date): Promise<void> {
	await db.prepare(CLOSE).bind(now.toISOString(), job.id, job.batchSeq).run();
}

/** A job that is waiting (pause, or a follow-up behind its alert) is alive: the Cron sweep leaves it alone. */
export async function touchJob(db: D1Database, jobId: string, now: Date): Promise<void> {
	await touchJobs(db, [jobId], now);
}

/** Marks jobs as just re-enqueued, so the next sweep leaves them alone while their message is on its way. */
export async function touchJobs(db: D1Database, ids: string[], now: Date): Promise<void> {
	if (ids.length) await db.batch(ids.map((id) => db.prepare(TOUCH).bind(now.toISOString(), id)));
}

export async function hasRunningAlertJob(db: D1Database, caseId: string): Promise<boolean> {
	return (await db.prepare(ALERT_RUNNING).bind(caseId).first()) !== null;
}

/** Running jobs whose last recorded move is older than `before`, oldest first (index fanout_jobs_running). */
export async function stalledJobIds(db: D1Database, before: Date, limit: number): Promise<string[]> {
	const { results } = await db.prepare(STALLED).bind(before.toISOString(), limit).all<{ id: string }>();
	return results.map((r) => r.id);
}

const RUNNING_WALKS = `SELECT id, ranges FROM fanout_jobs WHERE status = 'running' AND source = 'covering' AND shard = ?`;

/**
 * The running alert walks of one shard and their ranges: a shard move (functions/shards/move.ts) deletes the old
 * copy of a prefix only once no walk planned before its switch still reads it.
 */
export async function runningWalks(
	db: D1Database,
	shard: string
): Promise<{ id: string; ranges: GeohashRange[] }[]> {
	const { results } = await db.prepare(RUNNING_WALKS).bind(shard).all<{ id: string; ranges: string }>();
	return results.map((row) => ({
		id: row.id,
		ranges: (JSON.parse(row.ranges) as [string, string][]).map(([from, to]) => ({ from, to }))
	}));
}

// Inserts 0 into stale_change_guard (migration 0011), whose CHECK then fails and rolls the batch back, when jobs of
// the alert exist already.
const ALERT_PLANNED = `INSERT INTO stale_change_guard (ok) SELECT 0 WHERE EXISTS
	(SELECT 1 FROM fanout_jobs WHERE case_id = ?1 AND kind = 'alert' AND substr(id, 1, length(?2)) = ?2)`;
const ALERT_PLANNED_FAILED = /CHECK constraint failed: ok > 0/i;

/**
 * Inserts an alert's jobs in one batch unless jobs of the same alert (ids beginning `idPrefix`: case, version,
 * radii) exist: all or none, even when a shard move has changed how the walks split (and so their ids) since the
 * first plan. The inserts' results, or [] when the alert was planned before.
 */
export async function insertAlertJobs(
	db: D1Database,
	caseId: string,
	idPrefix: string,
	inserts: D1PreparedStatement[]
): Promise<D1Result[]> {
	try {
		const [, ...results] = await db.batch([db.prepare(ALERT_PLANNED).bind(caseId, idPrefix), ...inserts]);
		return results;
	} catch (error) {
		if (ALERT_PLANNED_FAILED.test(String(error))) return [];
		throw error;
	}
}
