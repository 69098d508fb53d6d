import { z } from 'zod';
import {
	ageSchema,
	CASE_STATUSES,
	heightCmSchema,
	CIRCUMSTANCES,
	OUTCOMES,
	radiusKmSchema,
	SEXES,
	sightingSchema
} from './case';
import { latitudeSchema, longitudeSchema } from './common';
import { CHECK_STATES } from './subscription-check';
import { issuerSchema } from './units';

// What the public API answers, as schemas: the Worker's mappers and the app infer their types from these, and
// GET /api/openapi.json is generated from them (functions/api/public/openapi-document.ts), so none can drift.

/** API.md "Signatures": ES256 over the RFC 8785 form of the item without `signature` and `distanceKm`. */
export const alertSignatureSchema = z.object({
	kid: z.string().meta({ description: 'The key id in /.well-known/reunion-keys.json' }),
	sig: z.string().meta({ description: 'base64url raw r‖s ES256 signature (64 bytes)' })
});

/**
 * A time in an answer: ISO 8601 with `Z` or an offset (`format: date-time` in the OpenAPI document). The bounds of
 * the fields below are the very schemas that validate what police enter, so the document carries them too.
 */
const dateTimeSchema = z.iso.datetime({ offset: true });

/** What every public list shows of a case (API.md `CaseSummary`). */
export const caseSummarySchema = z.object({
	id: z.string(),
	status: z.enum(CASE_STATUSES),
	childName: z.string(),
	age: ageSchema,
	sex: z.enum(SEXES),
	photoUrl: z.string().nullable(),
	lastSeenAt: dateTimeSchema,
	placeName: z.string(),
	lat: latitudeSchema,
	lon: longitudeSchema,
	radiusKm: radiusKmSchema,
	publishedAt: dateTimeSchema.nullable(),
	demo: z.boolean(),
	/** The police unit that issued the alert (API.md "Police units"), inside the signature. */
	issuer: issuerSchema,
	/** From the asked location to the last-seen place, to 0.1 km; lists only. */
	distanceKm: z.number().min(0).optional()
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const publicCaseUpdateSchema = z.object({
	kind: z.enum(['update', 'resolved', 'cancelled']),
	text: z.string(),
	at: dateTimeSchema,
	sighting: sightingSchema.optional()
});
export type CaseUpdate = z.infer<typeof publicCaseUpdateSchema>;

/** What one resolved case's alert did: devices reached, clues received, hours from publication to found. */
export const caseNumbersSchema = z.object({
	reached: z.number().int(),
	tips: z.number().int(),
	hoursToResolution: z.number().nullable()
});
export type CaseNumbers = z.infer<typeof caseNumbersSchema>;

/** The public case page's data (API.md `Case`). */
export const caseSchema = caseSummarySchema.extend({
	heightCm: heightCmSchema.nullable(),
	clothing: z.string().nullable(),
	description: z.string().nullable(),
	contactPhone: z.string(),
	updates: z.array(publicCaseUpdateSchema),
	outcome: z.enum(OUTCOMES).nullable(),
	circumstance: z.enum(CIRCUMSTANCES).nullable(),
	version: z.number().int(),
	/** A resolved case only (API.md "Statistics"). */
	numbers: caseNumbersSchema.optional(),
	/** A resolved case only: when the child was found (API.md "Cases in public view"). */
	resolvedAt: dateTimeSchema.nullable().optional(),
	/**
	 * Once the retention period after resolution is over: photo, texts and hotline are gone and the name is
	 * reduced (API.md "Cases in public view").
	 */
	retainedAt: dateTimeSchema.optional(),
	/** A drill (sent to test partners only): marked inside what is signed, so it never passes for a real alert. */
	exercise: z.literal(true).optional()
});
export type Case = z.infer<typeof caseSchema>;

/** A published case withdrawn as sent in error: the public keeps only that it was withdrawn, never the child. */
export const cancelledCaseSchema = z.object({
	id: z.string(),
	status: z.literal('cancelled'),
	cancelledAt: dateTimeSchema,
	/** A drill's withdrawal (test partners only), marked like the drill itself. */
	exercise: z.literal(true).optional()
});
export type CancelledCase = z.infer<typeof cancelledCaseSchema>;

/** What `GET /api/cases/:id` answers (API.md "Cases in public view"), before its signature. */
export const publicCaseSchema = z.union([caseSchema, cancelledCaseSchema]);
export type PublicCase = z.infer<typeof publicCaseSchema>;

export { isCancelledCase } from './public-case-status';

/** `include=closed`: a case resolved in the last 24 h, so a widget can show "Found" for a day. */
export const resolvedAlertSchema = caseSummarySchema.extend({
	resolvedAt: dateTimeSchema.nullable(),
	outcome: z.enum(OUTCOMES).nullable()
});
/** `include=closed`: a case cancelled in the last 24 h, without the child. */
export const cancelledAlertSchema = cancelledCaseSchema.extend({ distanceKm: z.number().min(0) });

/** One item of `GET /api/alerts`, before its signature (functions/api/public/alerts.ts). */
export const publicAlertSchema = z.union([resolvedAlertSchema, caseSummarySchema, cancelledAlertSchema]);
export type PublicAlert = z.infer<typeof publicAlertSchema>;

const signed = <T extends z.ZodObject>(schema: T) => schema.extend({ signature: alertSignatureSchema });

export const alertsResponseSchema = z.object({
	alerts: z.array(
		z.union([signed(resolvedAlertSchema), signed(caseSummarySchema), signed(cancelledAlertSchema)])
	)
});
export const signedCaseResponseSchema = z.union([signed(caseSchema), signed(cancelledCaseSchema)]);

export const healthResponseSchema = z.object({ ok: z.literal(true) });
export const configResponseSchema = z.object({ vapidPublicKey: z.string(), defaultRadiusKm: radiusKmSchema });
export type PublicConfig = z.infer<typeof configResponseSchema>;

/** 201 of `POST /api/cases/:id/tips`: the reference a person can quote when calling the police. */
export const tipReceiptSchema = z.object({ id: z.string(), reference: z.string() });
export type TipReceipt = z.infer<typeof tipReceiptSchema>;

export const subscriptionIdResponseSchema = z.object({ id: z.string() });
export const checkStartedSchema = z.object({ checkId: z.string(), pushService: z.string() });
export const checkStatusSchema = z.object({ state: z.enum(CHECK_STATES), detail: z.string().optional() });
export type CheckStatus = z.infer<typeof checkStatusSchema>;

/** Every 4xx and 5xx (API.md "Errors"). */
export const errorResponseSchema = z.object({
	error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() })
});
