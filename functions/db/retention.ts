import type { CaseRow } from './cases';

const RETENTION_DUE = `SELECT * FROM case_rows WHERE status = 'resolved' AND retained_at IS NULL AND resolved_at <= ?
	ORDER BY resolved_at LIMIT ?`;
// API.md "Cases in public view": what stays is id, status, outcome, the reduced name, age, place, times. The
// hotline goes too (an officer may have typed a family's number); circumstance stays for the anonymous
// statistics, and the public serializer leaves it out of a retained case (functions/db/cases.ts).
const REDUCE_CASE = `UPDATE cases SET child_name = ?, photo_key = NULL, clothing = NULL, description = NULL,
	height_cm = NULL, contact_phone = '', retained_at = ?, updated_at = ?, version = version + 1
	WHERE id = ? AND status = 'resolved' AND retained_at IS NULL`;
// Public updates and the police's own notes alike: their texts and sighting places may name the family.
const CLEAR_EVENTS = `UPDATE case_events SET text = '', sighting = NULL WHERE case_id = ?`;
// The CAP and Atom feeds rebuild every message of a case from its fan-out jobs, texts included.
const CLEAR_JOB_TEXTS = `UPDATE fanout_jobs SET text = NULL WHERE case_id = ? AND text IS NOT NULL`;
// Recorded CAP messages (migration 0070) keep the case as it stood: reduced like the case itself.
const REDUCE_CAP_MESSAGES = `UPDATE cap_messages SET text = NULL, snapshot = json_set(snapshot, '$.child_name', ?,
	'$.photo_key', NULL, '$.clothing', NULL, '$.description', NULL, '$.height_cm', NULL, '$.contact_phone', '')
	WHERE case_id = ?`;
const FORGET_TIP_PHOTOS = `UPDATE tips SET photo_key = NULL WHERE case_id = ?`;
const CONTACTS_DUE = `SELECT id FROM cases WHERE status = 'resolved' AND contacts_cleared_at IS NULL AND resolved_at <= ?
	ORDER BY resolved_at LIMIT ?`;
const CLEAR_CONTACTS = `UPDATE tips SET contact = NULL WHERE case_id = ?`;
const MARK_CONTACTS = `UPDATE cases SET contacts_cleared_at = ? WHERE id = ?`;

/** Resolved cases whose retention period ended at or before `cutoff` and are not reduced yet. */
export async function casesDueForRetention(db: D1Database, cutoff: Date, limit: number): Promise<CaseRow[]> {
	const { results } = await db.prepare(RETENTION_DUE).bind(cutoff.toISOString(), limit).all<CaseRow>();
	return results;
}

/**
 * One batch: the case reduced (the first statement: its `changes` is 0 when another run did it already), its
 * update texts, sightings and sent message texts cleared, its recorded CAP messages reduced alike, its tips'
 * photo keys dropped.
 */
export function reduceCaseStatements(
	db: D1Database,
	caseId: string,
	reducedName: string,
	now: Date
): D1PreparedStatement[] {
	const at = now.toISOString();
	return [
		db.prepare(REDUCE_CASE).bind(reducedName, at, at, caseId),
		db.prepare(CLEAR_EVENTS).bind(caseId),
		db.prepare(CLEAR_JOB_TEXTS).bind(caseId),
		db.prepare(REDUCE_CAP_MESSAGES).bind(reducedName, caseId),
		db.prepare(FORGET_TIP_PHOTOS).bind(caseId)
	];
}

/** Resolved at or before `cutoff` with tip contacts still kept. */
export async function casesDueForContactDeletion(
	db: D1Database,
	cutoff: Date,
	limit: number
): Promise<string[]> {
	const { results } = await db.prepare(CONTACTS_DUE).bind(cutoff.toISOString(), limit).all<{ id: string }>();
	return results.map((r) => r.id);
}

export function clearContactsStatements(db: D1Database, caseId: string, now: Date): D1PreparedStatement[] {
	return [db.prepare(CLEAR_CONTACTS).bind(caseId), db.prepare(MARK_CONTACTS).bind(now.toISOString(), caseId)];
}
