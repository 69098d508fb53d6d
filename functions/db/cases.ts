import type {
	CancelledCase,
	Case,
	CaseStatus,
	CaseSummary,
	CaseUpdate,
	Circumstance,
	Outcome,
	PublicCase,
	Sex,
	Sighting
} from '../../src/lib/schemas';
import type { Issuer } from '../../src/lib/schemas/units';
import { ROOT_UNIT_NAME } from './units';

/** A `cases` row as D1 returns it. */
export interface CaseRow {
	id: string;
	status: CaseStatus;
	exercise: number;
	demo: number;
	child_name: string;
	age: number;
	sex: Sex;
	height_cm: number | null;
	clothing: string | null;
	description: string | null;
	contact_phone: string;
	last_seen_at: string;
	place_name: string;
	lat: number;
	lon: number;
	geohash: string;
	radius_km: number;
	radius_schedule: string | null;
	photo_key: string | null;
	circumstance: Circumstance | null;
	outcome: Outcome | null;
	created_by: string | null;
	approved_by: string | null;
	created_at: string;
	updated_at: string;
	published_at: string | null;
	resolved_at: string | null;
	cancelled_at: string | null;
	version: number;
	/** A hand-raised radius awaiting a second officer (migration 0009); absent on rows built in code. */
	proposed_radius_km?: number | null;
	proposed_by?: string | null;
	proposed_at?: string | null;
	/** When the retention sweep reduced the case (migration 0021); absent on rows built in code. */
	retained_at?: string | null;
	/** The owning unit and, after a hand-over, the unit it came from (migration 0090); absent = the root. */
	unit_id?: string;
	prior_unit_id?: string | null;
	/** The owning unit's code and name, from the case_rows view (migration 0091); absent on rows built in code. */
	issuer_code?: string | null;
	issuer_name?: string | null;
}

interface EventRow {
	kind: CaseUpdate['kind'];
	text: string;
	created_at: string;
	sighting: string | null;
}

const PUBLISHED_IN_LAT_BAND = `SELECT * FROM case_rows
	WHERE status = 'published' AND exercise = 0 AND lat BETWEEN ? AND ?`;
// include=closed (API.md): cases resolved or cancelled since ?3 join the published ones; a case cancelled before it
// was ever published stays unknown.
const PUBLIC_IN_LAT_BAND = `SELECT * FROM case_rows
	WHERE exercise = 0 AND lat BETWEEN ?1 AND ?2 AND (status = 'published' OR (published_at IS NOT NULL AND
		((status = 'resolved' AND resolved_at >= ?3) OR (status = 'cancelled' AND cancelled_at >= ?3))))`;
const BY_ID = `SELECT * FROM case_rows WHERE id = ?`;
// ?2 = a JSON list of unit ids (the user's subtree): a case handed over stays on the list of the unit it came from.
const RECENT = `SELECT * FROM case_rows WHERE ?2 IS NULL OR unit_id IN (SELECT value FROM json_each(?2))
	OR prior_unit_id IN (SELECT value FROM json_each(?2)) ORDER BY updated_at DESC LIMIT ?1`;
const HAND_OVER = `UPDATE cases SET unit_id = ?3, prior_unit_id = ?4, version = version + 1, updated_at = ?5
	WHERE id = ?1 AND version = ?2`;
// Published cases are few (index cases_published_lat leads with status); each is checked on fanout_jobs_case.
const WITHOUT_ALERT = `SELECT * FROM case_rows c WHERE c.status = 'published' AND c.demo = 0 AND c.published_at >= ?
	AND NOT EXISTS (SELECT 1 FROM fanout_jobs j WHERE j.case_id = c.id AND j.kind = 'alert') LIMIT ?`;
const PUBLIC_EVENTS = `SELECT kind, text, created_at, sighting FROM case_events WHERE case_id = ? AND public = 1 ORDER BY id`;
const INSERT = `INSERT INTO cases (id, status, exercise, demo, child_name, age, sex, height_cm, clothing, description,
	contact_phone, last_seen_at, place_name, lat, lon, geohash, radius_km, radius_schedule, photo_key, circumstance,
	outcome, created_by, approved_by, created_at, updated_at, published_at, resolved_at, cancelled_at, version, unit_id)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO NOTHING`;

/**
 * Statuses the public may see; drafts, pending and exercise cases are never public (API.md). A cancelled case is
 * public only if it was published first (published_at is set by approval and never cleared), and then only as
 * the fact that it was withdrawn.
 */
const PUBLIC_STATUSES: ReadonlySet<CaseStatus> = new Set(['published', 'resolved']);

/** Published public cases whose centre lies in a latitude band (the caller applies the exact radius rule). */
export async function listPublishedInLatBand(
	db: D1Database,
	minLat: number,
	maxLat: number
): Promise<CaseRow[]> {
	const { results } = await db.prepare(PUBLISHED_IN_LAT_BAND).bind(minLat, maxLat).all<CaseRow>();
	return results;
}

/** Like listPublishedInLatBand, plus the cases closed since `closedSince` (`/api/alerts?include=closed`). */
export async function listPublicInLatBand(
	db: D1Database,
	minLat: number,
	maxLat: number,
	closedSince: Date
): Promise<CaseRow[]> {
	const { results } = await db
		.prepare(PUBLIC_IN_LAT_BAND)
		.bind(minLat, maxLat, closedSince.toISOString())
		.all<CaseRow>();
	return results;
}

/** The police console's list: the cases of these units (undefined: every case), most recently changed first. */
export async function listRecentCases(
	db: D1Database,
	limit: number,
	unitIds?: readonly string[]
): Promise<CaseRow[]> {
	const { results } = await db
		.prepare(RECENT)
		.bind(limit, unitIds ? JSON.stringify(unitIds) : null)
		.all<CaseRow>();
	return results;
}

/** Hands a case to another unit; the unit it leaves keeps acting on it. Guarded by the version read. */
export function handOverStatement(
	db: D1Database,
	row: CaseRow,
	toUnitId: string,
	now: Date
): D1PreparedStatement {
	return db.prepare(HAND_OVER).bind(row.id, row.version, toUnitId, row.unit_id ?? 'root', now.toISOString());
}

/** Cases published since `since` whose alert never started (demo cases are never sent). */
export async function listPublishedWithoutAlert(
	db: D1Database,
	since: Date,
	limit: number
): Promise<CaseRow[]> {
	const { results } = await db.prepare(WITHOUT_ALERT).bind(since.toISOString(), limit).all<CaseRow>();
	return results;
}

/** The unit owning a case (null when there is no such case). */
export async function caseUnitId(db: D1Database, id: string): Promise<string | null> {
	return (
		(await db.prepare(`SELECT unit_id FROM cases WHERE id = ?`).bind(id).first<{ unit_id: string }>())
			?.unit_id ?? null
	);
}

export async function getCaseRow(db: D1Database, id: string): Promise<CaseRow | null> {
	return db.prepare(BY_ID).bind(id).first<CaseRow>();
}

export function isPublic(row: CaseRow): boolean {
	if (row.exercise !== 0) return false;
	return PUBLIC_STATUSES.has(row.status) || (row.status === 'cancelled' && row.published_at !== null);
}

export async function getPublicCase(db: D1Database, id: string): Promise<PublicCase | null> {
	const row = await getCaseRow(db, id);
	if (!row || !isPublic(row)) return null;
	return toPublicCase(db, row);
}

/**
 * The public shape of a case row, without asking whether the public may see it: the caller decides (the public
 * API through isPublic, partner webhooks also for exercises sent to test partners).
 */
export async function toPublicCase(db: D1Database, row: CaseRow): Promise<PublicCase> {
	if (row.status === 'cancelled') return toCancelledCase(row);
	const { results } = await db.prepare(PUBLIC_EVENTS).bind(row.id).all<EventRow>();
	return toCase(row, results);
}

export function insertCaseStatement(db: D1Database, row: CaseRow): D1PreparedStatement {
	return db
		.prepare(INSERT)
		.bind(
			row.id,
			row.status,
			row.exercise,
			row.demo,
			row.child_name,
			row.age,
			row.sex,
			row.height_cm,
			row.clothing,
			row.description,
			row.contact_phone,
			row.last_seen_at,
			row.place_name,
			row.lat,
			row.lon,
			row.geohash,
			row.radius_km,
			row.radius_schedule,
			row.photo_key,
			row.circumstance,
			row.outcome,
			row.created_by,
			row.approved_by,
			row.created_at,
			row.updated_at,
			row.published_at,
			row.resolved_at,
			row.cancelled_at,
			row.version,
			row.unit_id ?? 'root'
		);
}

/** The unit named as the alert's issuer; a row built in code before it reached D1 names the root's name. */
export function issuerOf(row: CaseRow): Issuer {
	return { code: row.issuer_code ?? null, name: row.issuer_name ?? ROOT_UNIT_NAME };
}

/** Demo art ships as static files; uploaded photos live in R2 behind /api/photos. */
export function photoUrlFor(key: string | null): string | null {
	if (!key) return null;
	return key.startsWith('demo/') ? `/${key}` : `/api/photos/${key}`;
}

export function toCaseSummary(row: CaseRow, distanceKm?: number): CaseSummary {
	return {
		id: row.id,
		status: row.status,
		childName: row.child_name,
		age: row.age,
		sex: row.sex,
		photoUrl: photoUrlFor(row.photo_key),
		lastSeenAt: row.last_seen_at,
		placeName: row.place_name,
		lat: row.lat,
		lon: row.lon,
		radiusKm: row.radius_km,
		publishedAt: row.published_at,
		demo: row.demo === 1,
		issuer: issuerOf(row),
		...(distanceKm === undefined ? {} : { distanceKm: Math.round(distanceKm * 10) / 10 })
	};
}

/** Sent in error: name, photo, place and the cancel reason all leave public view. */
/** A published case withdrawn as sent in error, as every public surface shows it (API.md): no child fields. */
export function toCancelledCase(row: CaseRow): CancelledCase {
	return { id: row.id, status: 'cancelled', cancelledAt: row.cancelled_at ?? row.updated_at };
}

function toCase(row: CaseRow, events: EventRow[]): Case {
	return {
		...toCaseSummary(row),
		heightCm: row.height_cm,
		clothing: row.clothing,
		description: row.description,
		contactPhone: row.contact_phone,
		updates: events.map((event) => ({
			kind: event.kind,
			text: event.text,
			at: event.created_at,
			...(event.sighting ? { sighting: JSON.parse(event.sighting) as Sighting } : {})
		})),
		outcome: row.outcome,
		// Kept in the row for the anonymous statistics, but "left home voluntarily" is the family's business once
		// the retention period is over (API.md lists what a retained case keeps).
		circumstance: row.retained_at ? null : row.circumstance,
		version: row.version,
		...(row.status === 'resolved' ? { resolvedAt: row.resolved_at } : {}),
		...(row.retained_at ? { retainedAt: row.retained_at } : {})
	};
}
