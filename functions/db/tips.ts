import {
	TIP_STATUSES,
	type Lang,
	type Tip,
	type TipCounts,
	type TipInput,
	type TipStatus
} from '../../src/lib/schemas';
import { randomId } from '../lib/hash';

/** A `tips` row as D1 returns it. */
export interface TipRow {
	id: string;
	case_id: string;
	reference: string;
	message: string;
	seen_at: string | null;
	lat: number | null;
	lon: number | null;
	place: string | null;
	contact: string | null;
	lang: Lang;
	status: TipStatus;
	ip_hash: string | null;
	created_at: string;
	updated_at: string;
	reviewed_by: string | null;
	photo_key: string | null;
	client_id: string | null;
}

const INSERT = `INSERT INTO tips (id, case_id, reference, message, seen_at, lat, lon, place, contact, lang, status,
	ip_hash, created_at, updated_at, photo_key, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING`;
const BY_ID = `SELECT * FROM tips WHERE id = ?`;
const BY_CLIENT = `SELECT * FROM tips WHERE case_id = ? AND client_id = ?`;
const FOR_CASE = `SELECT * FROM tips WHERE case_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`;
const COUNTS_FOR_CASE = `SELECT status, count(*) AS n FROM tips WHERE case_id = ? GROUP BY status`;
const NEW_BY_CASE = `SELECT case_id, count(*) AS n FROM tips WHERE status = 'new' GROUP BY case_id`;
const TRIAGE = `UPDATE tips SET status = ?, reviewed_by = ?, updated_at = ? WHERE id = ?`;

// No 0/O, 1/I/L: a reference is read aloud and typed by someone else.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** "K7Q-4MD": 31⁶ ≈ 8.9 × 10⁸ codes, uniform (bytes ≥ 248 are redrawn so no letter is favoured). */
export function newTipReference(): string {
	const chars: string[] = [];
	while (chars.length < 6) {
		for (const byte of crypto.getRandomValues(new Uint8Array(8))) {
			if (byte < 248 && chars.length < 6) chars.push(REFERENCE_ALPHABET[byte % 31]!);
		}
	}
	return `${chars.slice(0, 3).join('')}-${chars.slice(3).join('')}`;
}

// ~111 m of latitude: as precise as a sighting is, and no closer to a tipster who shared their own position.
const roundCoordinate = (value: number | undefined) =>
	value === undefined ? null : Math.round(value * 1000) / 1000;

/**
 * Stores a new tip, or finds the one the same device already sent with this `clientId` (then `created` is
 * false and nothing is written). A reference already taken (rare) is redrawn.
 */
export async function insertTip(
	db: D1Database,
	caseId: string,
	input: TipInput,
	extras: { ipHash: string; photoKey: string | null; now: Date }
): Promise<{ row: TipRow; created: boolean }> {
	const { ipHash, photoKey, now } = extras;
	for (let attempt = 1; ; attempt++) {
		const row: TipRow = {
			id: `t-${randomId(12)}`,
			case_id: caseId,
			reference: newTipReference(),
			message: input.message,
			seen_at: input.seenAt ? new Date(input.seenAt).toISOString() : null,
			lat: roundCoordinate(input.lat),
			lon: roundCoordinate(input.lon),
			place: input.place || null,
			contact: input.contact || null,
			lang: input.lang,
			status: 'new',
			ip_hash: ipHash,
			created_at: now.toISOString(),
			updated_at: now.toISOString(),
			reviewed_by: null,
			photo_key: photoKey,
			client_id: input.clientId ?? null
		};
		const result = await db
			.prepare(INSERT)
			.bind(
				row.id,
				row.case_id,
				row.reference,
				row.message,
				row.seen_at,
				row.lat,
				row.lon,
				row.place,
				row.contact,
				row.lang,
				row.ip_hash,
				row.created_at,
				row.updated_at,
				row.photo_key,
				row.client_id
			)
			.run();
		if (result.meta.changes === 1) return { row, created: true };
		// The conflict may be the clientId (a retry racing its first send), not the reference.
		const earlier = input.clientId ? await getTipByClientId(db, caseId, input.clientId) : null;
		if (earlier) return { row: earlier, created: false };
		if (attempt >= 5) throw new Error('could not draw a free tip reference');
	}
}

/** The tip a device already sent for this case with this `clientId`, if any. */
export async function getTipByClientId(
	db: D1Database,
	caseId: string,
	clientId: string
): Promise<TipRow | null> {
	return db.prepare(BY_CLIENT).bind(caseId, clientId).first<TipRow>();
}

export async function getTipRow(db: D1Database, id: string): Promise<TipRow | null> {
	return db.prepare(BY_ID).bind(id).first<TipRow>();
}

/** One case's tips newest first, with the count per status over all of them (one read, one snapshot). */
export async function listTipsForCase(
	db: D1Database,
	caseId: string,
	limit: number
): Promise<{ tips: TipRow[]; counts: TipCounts }> {
	const [tips, counts] = await db.batch([
		db.prepare(FOR_CASE).bind(caseId, limit),
		db.prepare(COUNTS_FOR_CASE).bind(caseId)
	]);
	const byStatus = Object.fromEntries(TIP_STATUSES.map((s) => [s, 0])) as TipCounts;
	for (const { status, n } of (counts?.results ?? []) as Array<{ status: TipStatus; n: number }>)
		byStatus[status] = n;
	return { tips: (tips?.results ?? []) as TipRow[], counts: byStatus };
}

/** Untriaged tips per case, for every case at once (the police case list's badges). */
export async function countNewTipsByCase(db: D1Database): Promise<Map<string, number>> {
	const { results } = await db.prepare(NEW_BY_CASE).all<{ case_id: string; n: number }>();
	return new Map(results.map((r) => [r.case_id, r.n]));
}

export function triageStatement(
	db: D1Database,
	id: string,
	status: TipStatus,
	userId: string,
	now: Date
): D1PreparedStatement {
	return db.prepare(TRIAGE).bind(status, userId, now.toISOString(), id);
}

export function toTip(row: TipRow): Tip {
	return {
		id: row.id,
		caseId: row.case_id,
		reference: row.reference,
		message: row.message,
		seenAt: row.seen_at,
		lat: row.lat,
		lon: row.lon,
		place: row.place,
		contact: row.contact,
		photoUrl: row.photo_key ? `/api/police/tips/${encodeURIComponent(row.id)}/photo` : null,
		lang: row.lang,
		status: row.status,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		reviewedBy: row.reviewed_by
	};
}
