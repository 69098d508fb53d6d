/** A case change's announcement as the outbox holds it (migration 0060). */
export interface AnnouncementRow {
	id: string;
	caseId: string;
	/** The CaseChange as JSON; parsed by functions/case-changes, which owns its type. */
	change: string;
	at: string;
	attempts: number;
	deliveredAt: string | null;
}

const INSERT = `INSERT INTO case_announcements (id, case_id, change, at, created_at) VALUES (?, ?, ?, ?, ?)`;
// Taken only when nobody holds it and it is not delivered: two deliverers never run the listeners at once.
const CLAIM = `UPDATE case_announcements SET lease_until = ?1, attempts = attempts + 1
	WHERE id = ?2 AND delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= ?3)
	RETURNING id, case_id AS caseId, change, at, attempts, delivered_at AS deliveredAt`;
const RELEASE = `UPDATE case_announcements SET lease_until = NULL, last_error = substr(?, 1, 500) WHERE id = ?`;
const DELIVERED = `UPDATE case_announcements SET delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?`;
const DUE = `SELECT id FROM case_announcements WHERE delivered_at IS NULL AND created_at <= ?1
	AND (lease_until IS NULL OR lease_until <= ?2) ORDER BY created_at LIMIT ?3`;
const RECEIPTS = `SELECT listener FROM case_announcement_receipts WHERE announcement_id = ?`;
const RECEIPT = `INSERT INTO case_announcement_receipts (announcement_id, listener, at) VALUES (?, ?, ?)
	ON CONFLICT DO NOTHING`;
const PRUNE_RECEIPTS = `DELETE FROM case_announcement_receipts WHERE announcement_id IN
	(SELECT id FROM case_announcements WHERE delivered_at < ?)`;
const PRUNE = `DELETE FROM case_announcements WHERE delivered_at < ?`;
// Updates and resolutions carry police texts; retention clears those everywhere else, so here too.
const FORGET_TEXTS = `UPDATE case_announcements SET change = json_remove(change, '$.text') WHERE case_id = ?`;

/** The outbox row, to run in the same batch() as the change it announces. */
export function insertAnnouncementStatement(
	db: D1Database,
	a: { id: string; caseId: string; change: string; at: string },
	now: Date
): D1PreparedStatement {
	return db.prepare(INSERT).bind(a.id, a.caseId, a.change, a.at, now.toISOString());
}

/** Holds the announcement until `leaseUntil`, or null when it is delivered or someone else holds it. */
export async function claimAnnouncement(
	db: D1Database,
	id: string,
	now: Date,
	leaseUntil: Date
): Promise<AnnouncementRow | null> {
	return db.prepare(CLAIM).bind(leaseUntil.toISOString(), id, now.toISOString()).first<AnnouncementRow>();
}

export async function releaseAnnouncement(db: D1Database, id: string, error: string): Promise<void> {
	await db.prepare(RELEASE).bind(error, id).run();
}

export async function markAnnouncementDelivered(db: D1Database, id: string, now: Date): Promise<void> {
	await db.prepare(DELIVERED).bind(now.toISOString(), id).run();
}

/** Undelivered announcements written before `createdBefore` that nobody holds, oldest first. */
export async function dueAnnouncementIds(
	db: D1Database,
	createdBefore: Date,
	now: Date,
	limit: number
): Promise<string[]> {
	const { results } = await db
		.prepare(DUE)
		.bind(createdBefore.toISOString(), now.toISOString(), limit)
		.all<{ id: string }>();
	return results.map((r) => r.id);
}

export async function listReceipts(db: D1Database, announcementId: string): Promise<Set<string>> {
	const { results } = await db.prepare(RECEIPTS).bind(announcementId).all<{ listener: string }>();
	return new Set(results.map((r) => r.listener));
}

export async function recordReceipt(
	db: D1Database,
	announcementId: string,
	listener: string,
	now: Date
): Promise<void> {
	await db.prepare(RECEIPT).bind(announcementId, listener, now.toISOString()).run();
}

/** Delivered announcements are history once every retry downstream is over. */
export async function pruneAnnouncements(db: D1Database, deliveredBefore: Date): Promise<void> {
	const at = deliveredBefore.toISOString();
	await db.batch([db.prepare(PRUNE_RECEIPTS).bind(at), db.prepare(PRUNE).bind(at)]);
}

/** Retention (functions/cron/retention.ts): the case's announcements keep their kind, not their texts. */
export function forgetAnnouncementTextsStatement(db: D1Database, caseId: string): D1PreparedStatement {
	return db.prepare(FORGET_TEXTS).bind(caseId);
}
