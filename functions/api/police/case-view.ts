import type { PoliceCase, RadiusStep } from '../../../src/lib/schemas';
import { issuerOf, photoUrlFor, type CaseRow } from '../../db/cases';
import { ROOT_UNIT_ID } from '../../db/units';

/** Everything police see of a case, drafts included (the public view is toCase in db/cases.ts). */
export function toPoliceCase(row: CaseRow): PoliceCase {
	return {
		id: row.id,
		status: row.status,
		exercise: row.exercise === 1,
		demo: row.demo === 1,
		childName: row.child_name,
		age: row.age,
		sex: row.sex,
		heightCm: row.height_cm,
		clothing: row.clothing,
		description: row.description,
		contactPhone: row.contact_phone,
		lastSeenAt: row.last_seen_at,
		placeName: row.place_name,
		lat: row.lat,
		lon: row.lon,
		radiusKm: row.radius_km,
		radiusSchedule: row.radius_schedule ? (JSON.parse(row.radius_schedule) as RadiusStep[]) : null,
		photoUrl: photoUrlFor(row.photo_key),
		circumstance: row.circumstance,
		outcome: row.outcome,
		createdBy: row.created_by,
		approvedBy: row.approved_by,
		createdAt: row.created_at,
		publishedAt: row.published_at,
		resolvedAt: row.resolved_at,
		cancelledAt: row.cancelled_at,
		version: row.version,
		proposedRadiusKm: row.proposed_radius_km ?? null,
		proposedBy: row.proposed_by ?? null,
		unitId: row.unit_id ?? ROOT_UNIT_ID,
		priorUnitId: row.prior_unit_id ?? null,
		issuer: issuerOf(row)
	};
}
