import { encodeGeohash } from '../../src/lib/geo';
import type { CaseFields, Sighting } from '../../src/lib/schemas';
import type { CaseRow } from './cases';

/** Camel-case fields of API.md → columns. Only these are ever written from a request body. */
const COLUMNS: Record<Exclude<keyof CaseFields, 'radiusSchedule'>, keyof CaseRow> = {
	childName: 'child_name',
	age: 'age',
	sex: 'sex',
	heightCm: 'height_cm',
	clothing: 'clothing',
	description: 'description',
	contactPhone: 'contact_phone',
	lastSeenAt: 'last_seen_at',
	placeName: 'place_name',
	lat: 'lat',
	lon: 'lon',
	radiusKm: 'radius_km',
	exercise: 'exercise',
	circumstance: 'circumstance'
};

export function newDraftRow(
	id: string,
	fields: CaseFields,
	author: { id: string; unitId: string },
	now: Date
): CaseRow {
	const at = now.toISOString();
	return {
		id,
		status: 'draft',
		exercise: fields.exercise ? 1 : 0,
		demo: 0,
		child_name: fields.childName,
		age: fields.age,
		sex: fields.sex,
		height_cm: fields.heightCm ?? null,
		clothing: fields.clothing ?? null,
		description: fields.description ?? null,
		contact_phone: fields.contactPhone,
		last_seen_at: new Date(fields.lastSeenAt).toISOString(),
		place_name: fields.placeName,
		lat: fields.lat,
		lon: fields.lon,
		geohash: encodeGeohash(fields.lat, fields.lon, 7),
		radius_km: fields.radiusKm,
		radius_schedule: fields.radiusSchedule ? JSON.stringify(fields.radiusSchedule) : null,
		photo_key: null,
		circumstance: fields.circumstance ?? null,
		outcome: null,
		created_by: author.id,
		approved_by: null,
		created_at: at,
		updated_at: at,
		published_at: null,
		resolved_at: null,
		cancelled_at: null,
		version: 1,
		unit_id: author.unitId
	};
}

/**
 * An edit: only the given fields, the version bumped, a pending case back to draft (its approval was for the
 * old version). Guarded by the version read, so two editors cannot overwrite each other silently.
 */
export function editStatement(
	db: D1Database,
	row: CaseRow,
	patch: Partial<CaseFields>,
	now: Date
): D1PreparedStatement {
	const sets: string[] = [];
	const values: unknown[] = [];
	for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, keyof CaseRow][]) {
		if (patch[field] === undefined) continue;
		sets.push(`${column} = ?`);
		const value = patch[field];
		values.push(
			typeof value === 'boolean'
				? value
					? 1
					: 0
				: field === 'lastSeenAt'
					? new Date(String(value)).toISOString()
					: value
		);
	}
	if (patch.radiusSchedule !== undefined) {
		sets.push('radius_schedule = ?');
		values.push(JSON.stringify(patch.radiusSchedule));
	}
	const lat = patch.lat ?? row.lat;
	const lon = patch.lon ?? row.lon;
	sets.push('geohash = ?', "status = 'draft'", 'version = version + 1', 'updated_at = ?');
	values.push(encodeGeohash(lat, lon, 7), now.toISOString());
	// Column names come from COLUMNS above, never from the request; values are bound.
	return db
		.prepare(
			`UPDATE cases SET ${sets.join(', ')} WHERE id = ? AND version = ? AND status IN ('draft', 'pending')`
		)
		.bind(...values, row.id, row.version);
}

export function transitionStatement(
	db: D1Database,
	row: CaseRow,
	to: 'pending' | 'published' | 'resolved' | 'cancelled',
	extra: { approvedBy?: string; outcome?: string; circumstance?: string },
	now: Date
): D1PreparedStatement {
	const at = now.toISOString();
	return db
		.prepare(
			`UPDATE cases SET status = ?1, version = version + 1, updated_at = ?2,
				approved_by = coalesce(?3, approved_by),
				published_at = CASE WHEN ?1 = 'published' THEN ?2 ELSE published_at END,
				resolved_at = CASE WHEN ?1 = 'resolved' THEN ?2 ELSE resolved_at END,
				cancelled_at = CASE WHEN ?1 = 'cancelled' THEN ?2 ELSE cancelled_at END,
				outcome = coalesce(?4, outcome), circumstance = coalesce(?5, circumstance)
			WHERE id = ?6 AND version = ?7 AND status = ?8`
		)
		.bind(
			to,
			at,
			extra.approvedBy ?? null,
			extra.outcome ?? null,
			extra.circumstance ?? null,
			row.id,
			row.version,
			row.status
		);
}

/** Conditions that keep an event from outliving the change it belongs to. */
export interface EventGuard {
	/** Written only if the case reached this version in the same batch (its transition won the race). */
	atVersion?: number;
	/** Written only while the case has this status (an update lands only on a case still published). */
	whileStatus?: CaseRow['status'];
	sighting?: Sighting;
}

/** An entry on the case page, written only when its guard holds, so it never outlives a lost race. */
export function caseEventStatement(
	db: D1Database,
	caseId: string,
	kind: 'update' | 'resolved' | 'cancelled',
	text: string,
	userId: string,
	now: Date,
	{ atVersion, whileStatus, sighting }: EventGuard = {}
): D1PreparedStatement {
	return db
		.prepare(
			`INSERT INTO case_events (case_id, kind, text, created_by, created_at, sighting)
			 SELECT ?1, ?2, ?3, ?4, ?5, ?7
			 WHERE (?6 IS NULL OR EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND version = ?6))
			   AND (?8 IS NULL OR EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND status = ?8))`
		)
		.bind(
			caseId,
			kind,
			text,
			userId,
			now.toISOString(),
			atVersion ?? null,
			sighting ? JSON.stringify({ ...sighting, seenAt: new Date(sighting.seenAt).toISOString() }) : null,
			whileStatus ?? null
		);
}

// A new photo sends a pending case back to draft (its approval was for the old one); a published case keeps its
// status, and the officer's next update pushes the new photo to everyone the case reached.
const SET_PHOTO = `UPDATE cases SET photo_key = ?,
	status = CASE WHEN status = 'published' THEN 'published' ELSE 'draft' END, version = version + 1, updated_at = ?
	WHERE id = ? AND version = ? AND status IN ('draft', 'pending', 'published')`;

/** Points the case at a new photo; guarded by the version the upload read. */
export function setPhotoStatement(db: D1Database, row: CaseRow, key: string, now: Date): D1PreparedStatement {
	return db.prepare(SET_PHOTO).bind(key, now.toISOString(), row.id, row.version);
}
