import { issuerSchema } from './units';
import { z } from 'zod';
import { CASE_STATUSES, CIRCUMSTANCES, OUTCOMES, SEXES } from './case';
import { ROLES } from './users';

// What the police API answers, as schemas: the Worker's mappers and the console infer their types from these, so
// the two cannot drift apart (and the embedding issue's OpenAPI document can be generated from them).

const radiusStepSchema = z.object({ afterMinutes: z.number(), radiusKm: z.number() });

/** The police view of a case (functions/api/police/case-view.ts), drafts and exercises included. */
export const policeCaseSchema = z.object({
	id: z.string(),
	status: z.enum(CASE_STATUSES),
	exercise: z.boolean(),
	demo: z.boolean(),
	childName: z.string(),
	age: z.number().int(),
	sex: z.enum(SEXES),
	heightCm: z.number().nullable(),
	clothing: z.string().nullable(),
	description: z.string().nullable(),
	contactPhone: z.string(),
	lastSeenAt: z.string(),
	placeName: z.string(),
	lat: z.number(),
	lon: z.number(),
	radiusKm: z.number(),
	radiusSchedule: z.array(radiusStepSchema).nullable(),
	photoUrl: z.string().nullable(),
	circumstance: z.enum(CIRCUMSTANCES).nullable(),
	outcome: z.enum(OUTCOMES).nullable(),
	createdBy: z.string().nullable(),
	approvedBy: z.string().nullable(),
	createdAt: z.string(),
	publishedAt: z.string().nullable(),
	resolvedAt: z.string().nullable(),
	cancelledAt: z.string().nullable(),
	version: z.number().int(),
	/** A hand-raised radius waiting for a second officer (functions/api/police/cases-radius.ts). */
	proposedRadiusKm: z.number().nullable(),
	proposedBy: z.string().nullable(),
	/** The owning unit and, after a hand-over, the unit it came from (API.md "Police units"). */
	unitId: z.string(),
	priorUnitId: z.string().nullable(),
	/** The owning unit as the public will see it. */
	issuer: issuerSchema,
	/**
	 * Only one case carries it: the nearest unit above the case's own whose approver must approve the widest
	 * radius asked for (growth steps or a raise included); null when the case's own unit may approve it.
	 */
	approvalUnit: z
		.object({
			id: z.string(),
			name: z.string(),
			/** The widest radius asked for, and the case unit's own limit it exceeds. */
			radiusKm: z.number(),
			limitKm: z.number(),
			/** Display names of the enabled approvers (and admins) of that unit or any above it. */
			approvers: z.array(z.string())
		})
		.nullable()
		.optional(),
	/** Who created, edited, re-photographed or submitted it (none of them may approve); only one case carries it. */
	shapedBy: z.array(z.string()).optional(),
	/** Untriaged tips; only the case list carries it. */
	newTips: z.number().int().optional()
});
export type PoliceCase = z.infer<typeof policeCaseSchema>;

export const policeUserSchema = z.object({
	id: z.string(),
	username: z.string(),
	role: z.enum(ROLES),
	/** GET /api/auth/me only: the unit shown beside the user's name. */
	unit: z.object({ id: z.string(), code: z.string().nullable(), name: z.string() }).optional()
});
export type PoliceUser = z.infer<typeof policeUserSchema>;

/** A row of GET /api/police/users. */
export const adminUserSchema = policeUserSchema.extend({
	displayName: z.string(),
	disabled: z.boolean(),
	/** The police unit the user belongs to (API.md "Police units"). */
	unitId: z.string()
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** A row of the audit log as GET /api/police/audit lists it (and the CSV export writes it). */
export const auditEntrySchema = z.object({
	id: z.number().int(),
	prev_id: z.number().int().nullable(),
	at: z.string(),
	user_id: z.string().nullable(),
	username: z.string().nullable(),
	action: z.string(),
	case_id: z.string().nullable(),
	detail: z.string().nullable(),
	ip_hash: z.string().nullable(),
	prev_hash: z.string(),
	/** The unit the row belongs to (migration 0090); null on rows from before units, which belong to the root. */
	unit_id: z.string().nullable(),
	hash: z.string()
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** GET /api/police/audit/verify. */
export const chainReportSchema = z.object({
	ok: z.boolean(),
	rows: z.number().int(),
	/** The first row whose link or hash does not match; every later row is suspect too. */
	firstBadId: z.number().int().optional()
});
export type ChainReport = z.infer<typeof chainReportSchema>;
