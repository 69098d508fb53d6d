import type { CaseRow } from './cases';
import type { MessageKind } from './fanout-jobs';

/**
 * The public messages a case has sent, read from its fan-out jobs: every alert, radius step, update, resolution
 * and cancellation starts one (per shard), so the jobs are the case's message log. Exercises are left out.
 */
export interface SentMessageRow {
	case_id: string;
	id: string;
	kind: MessageKind;
	radius_km: number;
	inner_radius_km: number;
	text: string | null;
	created_at: string;
}

/** Public case ids: published at some point, never an exercise (API.md: drafts and exercises stay unknown). */
const PUBLIC_CASE = `c.exercise = 0 AND c.published_at IS NOT NULL AND c.status IN ('published', 'resolved', 'cancelled')`;

const MESSAGES_OF_CASES = `SELECT case_id, id, kind, radius_km, inner_radius_km, text, created_at FROM fanout_jobs
	WHERE exercise = 0 AND case_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`;
const CASE_BY_ID = `SELECT * FROM case_rows c WHERE c.id = ? AND ${PUBLIC_CASE}`;
// Cases with a message since `since` (or, for cases that never sent one, e.g. demo cases, changed since then).
const CASES_WITH_MESSAGES_SINCE = `SELECT * FROM case_rows c WHERE ${PUBLIC_CASE} AND (c.updated_at >= ?1
	OR c.id IN (SELECT case_id FROM fanout_jobs WHERE exercise = 0 AND created_at >= ?1)) ORDER BY c.updated_at DESC LIMIT ?2`;
const RECENT_PUBLIC_CASES = `SELECT * FROM case_rows c WHERE ${PUBLIC_CASE} ORDER BY c.updated_at DESC LIMIT ?`;
const PUBLIC_EVENTS_OF_CASES = `SELECT id, case_id, kind, text, created_at FROM case_events
	WHERE public = 1 AND case_id IN (SELECT value FROM json_each(?)) ORDER BY id`;

export interface PublicEventRow {
	id: number;
	case_id: string;
	kind: 'update' | 'resolved' | 'cancelled';
	text: string;
	created_at: string;
}

export async function getFeedCase(db: D1Database, id: string): Promise<CaseRow | null> {
	return db.prepare(CASE_BY_ID).bind(id).first<CaseRow>();
}

/** Public cases with a message in the window, newest change first. */
export async function listCasesWithMessagesSince(
	db: D1Database,
	since: Date,
	limit: number
): Promise<CaseRow[]> {
	const { results } = await db
		.prepare(CASES_WITH_MESSAGES_SINCE)
		.bind(since.toISOString(), limit)
		.all<CaseRow>();
	return results;
}

export async function listRecentPublicCases(db: D1Database, limit: number): Promise<CaseRow[]> {
	const { results } = await db.prepare(RECENT_PUBLIC_CASES).bind(limit).all<CaseRow>();
	return results;
}

/** Every fan-out job of the cases, oldest first; ids as one JSON parameter (D1 binds at most 100). */
export async function listSentMessages(
	db: D1Database,
	caseIds: readonly string[]
): Promise<SentMessageRow[]> {
	if (!caseIds.length) return [];
	const { results } = await db.prepare(MESSAGES_OF_CASES).bind(JSON.stringify(caseIds)).all<SentMessageRow>();
	return results;
}

/** Police updates shown on the case pages (never tips, which live in their own table). */
export async function listPublicEvents(
	db: D1Database,
	caseIds: readonly string[]
): Promise<PublicEventRow[]> {
	if (!caseIds.length) return [];
	const { results } = await db
		.prepare(PUBLIC_EVENTS_OF_CASES)
		.bind(JSON.stringify(caseIds))
		.all<PublicEventRow>();
	return results;
}
