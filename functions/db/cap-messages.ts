import type { CaseRow } from './cases';
import type { MessageKind } from './fanout-jobs';

/** A CAP message as sent (migration 0070): what it said and the case as it stood then. */
export interface CapMessageRow {
	case_id: string;
	seq: number;
	version: number;
	repeat: number;
	kind: MessageKind;
	radius_step: number;
	radius_km: number;
	text: string | null;
	sent_at: string;
	snapshot: string;
	/** The issuing unit's code when sent (migration 0092); null: `reunion`, as every message before units. */
	sender: string | null;
}

export interface NewCapMessage {
	caseId: string;
	/** One message per key: a retried announcement is not a second message. */
	key: string;
	version: number;
	kind: MessageKind;
	radiusStep: boolean;
	radiusKm: number;
	text: string | null;
	sentAt: string;
	snapshot: CaseRow;
}

// seq and repeat are counted inside the insert, so two messages of one case cannot take the same number.
const INSERT = `INSERT OR IGNORE INTO cap_messages
	(case_id, seq, key, version, repeat, kind, radius_step, radius_km, text, sent_at, snapshot, sender)
	SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3,
		CASE WHEN SUM(version = ?3) > 0 THEN SUM(version = ?3) + 1 ELSE 0 END, ?4, ?5, ?6, ?7, ?8, ?9, ?10
	FROM cap_messages WHERE case_id = ?1`;
const OF_CASES = `SELECT case_id, seq, version, repeat, kind, radius_step, radius_km, text, sent_at, snapshot, sender
	FROM cap_messages WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, seq`;

export function insertCapMessageStatement(db: D1Database, message: NewCapMessage): D1PreparedStatement {
	return db.prepare(INSERT).bind(
		message.caseId,
		message.key,
		message.version,
		message.kind,
		message.radiusStep ? 1 : 0,
		message.radiusKm,
		message.text,
		message.sentAt,
		JSON.stringify(message.snapshot),
		// The sender is fixed with the message: the unit that issued it, as the case then stood.
		message.snapshot.issuer_code ?? null
	);
}

/** Every recorded message of the cases, oldest first per case; ids as one JSON parameter (D1 binds at most 100). */
export async function listCapMessages(db: D1Database, caseIds: readonly string[]): Promise<CapMessageRow[]> {
	if (!caseIds.length) return [];
	const { results } = await db.prepare(OF_CASES).bind(JSON.stringify(caseIds)).all<CapMessageRow>();
	return results;
}
