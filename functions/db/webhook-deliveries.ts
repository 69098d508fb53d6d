import type { WebhookDelivery, WebhookEventType } from '../../src/lib/schemas';

interface DeliveryRow {
	id: number;
	event_id: string;
	type: WebhookEventType;
	case_id: string;
	attempt: number;
	outcome: WebhookDelivery['outcome'];
	status_code: number | null;
	error: string | null;
	at: string;
	next_attempt_at: string | null;
}

/** A case change as partners receive it: the JSON body is built once and signed again on every attempt. */
export interface WebhookEvent {
	id: string;
	type: WebhookEventType;
	caseId: string;
	body: string;
}

// An announcement delivered twice stores its event once (its id is the announcement's): the first body stays.
const INSERT_EVENT = `INSERT INTO webhook_events (id, type, case_id, body, created_at) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (id) DO NOTHING`;
const EVENT = `SELECT id, type, case_id AS caseId, body FROM webhook_events WHERE id = ?`;
const INSERT_ATTEMPT = `INSERT INTO webhook_deliveries (partner_id, event_id, type, case_id, attempt, outcome,
	status_code, error, at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const PAGE = `SELECT id, event_id, type, case_id, attempt, outcome, status_code, error, at, next_attempt_at
	FROM webhook_deliveries WHERE partner_id = ?1 AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3`;
// Events outlive their last retry (≈ 28 h) by days, so a delivery log's rows can still be read against them.
const PRUNE_EVENTS = `DELETE FROM webhook_events WHERE created_at < ?`;
const PRUNE_ATTEMPTS = `DELETE FROM webhook_deliveries WHERE at < ?`;

export async function insertWebhookEvent(db: D1Database, event: WebhookEvent, now: Date): Promise<void> {
	await db
		.prepare(INSERT_EVENT)
		.bind(event.id, event.type, event.caseId, event.body, now.toISOString())
		.run();
}

export async function getWebhookEvent(db: D1Database, id: string): Promise<WebhookEvent | null> {
	return db.prepare(EVENT).bind(id).first<WebhookEvent>();
}

export interface AttemptRecord {
	partnerId: string;
	event: Pick<WebhookEvent, 'id' | 'type' | 'caseId'>;
	attempt: number;
	outcome: WebhookDelivery['outcome'];
	statusCode: number | null;
	error: string | null;
	at: Date;
	nextAttemptAt: Date | null;
}

export async function recordAttempt(db: D1Database, a: AttemptRecord): Promise<void> {
	await db
		.prepare(INSERT_ATTEMPT)
		.bind(
			a.partnerId,
			a.event.id,
			a.event.type,
			a.event.caseId,
			a.attempt,
			a.outcome,
			a.statusCode,
			a.error,
			a.at.toISOString(),
			a.nextAttemptAt?.toISOString() ?? null
		)
		.run();
}

/** A partner's attempts, newest first, `limit` at a time from before the id `before`. */
export async function listDeliveries(
	db: D1Database,
	partnerId: string,
	limit: number,
	before: number | null
): Promise<{ deliveries: WebhookDelivery[]; next: number | null }> {
	const { results } = await db.prepare(PAGE).bind(partnerId, before, limit).all<DeliveryRow>();
	const deliveries = results.map((r) => ({
		id: r.id,
		eventId: r.event_id,
		type: r.type,
		caseId: r.case_id,
		attempt: r.attempt,
		outcome: r.outcome,
		statusCode: r.status_code,
		error: r.error,
		at: r.at,
		nextAttemptAt: r.next_attempt_at
	}));
	return { deliveries, next: deliveries.length === limit ? deliveries.at(-1)!.id : null };
}

/** Housekeeping: events and log rows older than `before`. */
export async function pruneWebhookHistory(db: D1Database, before: Date): Promise<void> {
	const at = before.toISOString();
	await db.batch([db.prepare(PRUNE_EVENTS).bind(at), db.prepare(PRUNE_ATTEMPTS).bind(at)]);
}
