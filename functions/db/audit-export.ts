import type { AuditRow } from './audit';

// unit_id (migration 0090) is covered by the chain hash when set: a restore without it would not verify.
const COLUMNS = `id, prev_id, at, user_id, username, action, case_id, detail, ip_hash, prev_hash, unit_id, hash`;
const AFTER = `SELECT ${COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`;
const LINK = `SELECT id, hash FROM audit_log WHERE id = ?`;
const HEAD = `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`;

export interface AuditLink {
	id: number;
	hash: string;
}

/** The next rows to export, oldest first: ids only grow (the chain's prev_id is unique and always the head). */
export async function auditRowsAfter(db: D1Database, afterId: number, limit: number): Promise<AuditRow[]> {
	const { results } = await db.prepare(AFTER).bind(afterId, limit).all<AuditRow>();
	return results;
}

/** One row's place in the chain, to compare the database with what was exported. */
export async function auditLink(db: D1Database, id: number): Promise<AuditLink | null> {
	return db.prepare(LINK).bind(id).first<AuditLink>();
}

export async function auditHead(db: D1Database): Promise<AuditLink | null> {
	return db.prepare(HEAD).first<AuditLink>();
}
