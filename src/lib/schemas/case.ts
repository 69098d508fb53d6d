import { z } from 'zod';
import { latitudeSchema, longitudeSchema, seenAtSchema, textSchema } from './common';

export const CASE_STATUSES = ['draft', 'pending', 'published', 'resolved', 'cancelled'] as const;
export const SEXES = ['female', 'male', 'unknown'] as const;
export const CIRCUMSTANCES = ['voluntary', 'lost', 'abducted', 'other', 'unknown'] as const;
export const OUTCOMES = ['found_safe', 'found_other'] as const;
export const DEFAULT_RADIUS_KM = 100;

export type CaseStatus = (typeof CASE_STATUSES)[number];
export type Sex = (typeof SEXES)[number];
export type Circumstance = (typeof CIRCUMSTANCES)[number];
export type Outcome = (typeof OUTCOMES)[number];

export const radiusKmSchema = z.number().min(1).max(500);

/** Tuanyuan's growing circle, proposed for every new case: 200 km after 1 h, 300 km after 2 h, 500 km after 3 h. */
export const DEFAULT_RADIUS_SCHEDULE: RadiusStep[] = [
	{ afterMinutes: 60, radiusKm: 200 },
	{ afterMinutes: 120, radiusKm: 300 },
	{ afterMinutes: 180, radiusKm: 500 }
];

export const radiusScheduleSchema = z
	.array(
		z.object({
			afterMinutes: z
				.number()
				.int()
				.min(1)
				.max(7 * 24 * 60),
			radiusKm: radiusKmSchema
		})
	)
	.max(10)
	.refine(
		(steps) =>
			steps.every(
				(s, i) =>
					i === 0 || (s.afterMinutes > steps[i - 1]!.afterMinutes && s.radiusKm > steps[i - 1]!.radiusKm)
			),
		{ message: 'each step must come later and reach further than the one before' }
	);

export type RadiusStep = { afterMinutes: number; radiusKm: number };

/** The steps that still widen a circle of `radiusKm`: smaller ones would alert nobody new. */
export function effectiveSchedule(steps: RadiusStep[] | null | undefined, radiusKm: number): RadiusStep[] {
	return (steps ?? []).filter((step) => step.radiusKm > radiusKm);
}

/** A child's age in years, as police enter it and as every public answer carries it. */
export const ageSchema = z.number().int().min(0).max(17);

export const heightCmSchema = z.number().int().min(30).max(220);

/** A new sighting reported with an update: shown on the case page; the alert area stays as approved. */
export const sightingSchema = z.object({
	lat: latitudeSchema,
	lon: longitudeSchema,
	placeName: textSchema().min(1).max(120),
	seenAt: seenAtSchema
});

export type Sighting = z.infer<typeof sightingSchema>;

// Each field as police enter it, without defaults: a default inside an edit would silently overwrite the saved value
// (zod fills defaults in even under .partial(), so an edit of the name would turn an exercise into a real alert).
const caseFieldShape = {
	childName: textSchema().min(1).max(60),
	age: ageSchema,
	sex: z.enum(SEXES),
	// null clears an optional fact in an edit; leaving it out keeps it.
	heightCm: heightCmSchema.nullish(),
	clothing: textSchema().max(500).nullish(),
	description: textSchema().max(2000).nullish(),
	contactPhone: z
		.string()
		.trim()
		.regex(/^[0-9+\-() ]{3,30}$/, 'must be a telephone number'),
	lastSeenAt: seenAtSchema,
	placeName: textSchema().min(1).max(120),
	lat: latitudeSchema,
	lon: longitudeSchema,
	radiusKm: radiusKmSchema,
	radiusSchedule: radiusScheduleSchema.optional(),
	exercise: z.boolean(),
	circumstance: z.enum(CIRCUMSTANCES).optional()
};

/** Every field police enter for a case (API.md "Case fields"); a new case gets the defaults. */
export const caseFieldsSchema = z.object({
	...caseFieldShape,
	radiusKm: radiusKmSchema.default(DEFAULT_RADIUS_KM),
	exercise: z.boolean().default(false)
});

export const caseCreateSchema = caseFieldsSchema;
/**
 * An edit names only what changes; nothing it leaves out is touched. `version`, when sent, is the one the editor
 * loaded, so a second officer's save cannot silently overwrite the first's.
 */
export const casePatchSchema = z
	.object(caseFieldShape)
	.partial()
	.extend({ version: z.number().int().min(1).optional() });

export type CaseFields = z.infer<typeof caseFieldsSchema>;

// The public answers built from these fields (CaseSummary, Case, CancelledCase …) are in public-responses.ts.
