import { z } from 'zod';
import { isGeohash } from '../geo';
import { latitudeSchema, longitudeSchema, textSchema } from './common';
import { signedCaseResponseSchema } from './public-responses';

/** Standard Webhooks event types a partner can ask for (API.md "Partners (admin)"). */
export const WEBHOOK_EVENT_TYPES = [
	'case.alert',
	'case.update',
	'case.radius',
	'case.resolved',
	'case.cancelled',
	'case.withdrawn'
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

/** A circle a partner serves; wider than a case's 500 km so one circle can cover a province or a country. */
export const partnerCircleSchema = z.object({
	lat: latitudeSchema,
	lon: longitudeSchema,
	radiusKm: z.number().min(1).max(3000)
});
export type PartnerCircle = z.infer<typeof partnerCircleSchema>;

/** A geohash prefix of 1–8 characters: the partner serves the whole cell. */
export const geohashPrefixSchema = z.string().refine((value) => isGeohash(value) && value.length <= 8, {
	message: 'must be a geohash prefix of 1–8 characters (0-9, b-z without a, i, l, o)'
});

export const partnerAreaSchema = z
	.object({
		circles: z.array(partnerCircleSchema).max(20).default([]),
		geohashes: z.array(geohashPrefixSchema).max(50).default([])
	})
	.refine((area) => area.circles.length + area.geohashes.length > 0, {
		message: 'give at least one circle or geohash prefix'
	});
export type PartnerArea = z.infer<typeof partnerAreaSchema>;

/**
 * The receiving URL's form; which hosts and schemes are allowed depends on local mode and is checked by the
 * Worker (functions/webhooks/url-policy.ts), which answers with the same `url` field.
 */
export const partnerUrlSchema = z
	.string()
	.trim()
	.max(2000)
	.refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
		message: 'must be an https:// URL'
	});

const partnerFields = z.object({
	name: textSchema().min(1).max(80),
	url: partnerUrlSchema,
	area: partnerAreaSchema,
	events: z
		.array(webhookEventTypeSchema)
		.min(1)
		.max(WEBHOOK_EVENT_TYPES.length)
		.refine((events) => new Set(events).size === events.length, { message: 'list each event once' }),
	/** A test partner receives exercises only; any other partner never does. */
	test: z.boolean().default(false),
	disabled: z.boolean().default(false)
});

export const partnerCreateSchema = partnerFields;
export type PartnerCreate = z.infer<typeof partnerCreateSchema>;

export const partnerPatchSchema = partnerFields
	.partial()
	// `.partial()` keeps the defaults, which would turn a missing field into a change.
	.extend({ test: z.boolean().optional(), disabled: z.boolean().optional() })
	.refine((patch) => Object.values(patch).some((value) => value !== undefined), 'change at least one field');
export type PartnerPatch = z.infer<typeof partnerPatchSchema>;

/** POST …/rotate-secret: how long the old secret keeps signing too (0 ends it at once, e.g. after a leak). */
export const rotateSecretSchema = z.object({
	keepOldHours: z.number().int().min(0).max(168).default(24)
});

/** A partner as the API lists it: never with its secret. */
export const partnerSchema = z.object({
	id: z.string(),
	name: z.string(),
	url: z.string(),
	area: z.object({ circles: z.array(partnerCircleSchema), geohashes: z.array(z.string()) }),
	events: z.array(webhookEventTypeSchema),
	test: z.boolean(),
	disabled: z.boolean(),
	/** Until when the secret before the last rotation still signs too; null when it no longer does. */
	previousSecretUntil: z.string().nullable(),
	createdAt: z.string(),
	updatedAt: z.string()
});
export type Partner = z.infer<typeof partnerSchema>;

export const partnerListSchema = z.object({ partners: z.array(partnerSchema) });
/** POST /api/police/partners and …/rotate-secret: the only answers that carry the secret. */
export const partnerCreatedSchema = z.object({ partner: partnerSchema, secret: z.string() });
export const secretRotatedSchema = z.object({
	secret: z.string(),
	previousSecretUntil: z.string().nullable()
});

export const DELIVERY_OUTCOMES = ['delivered', 'retrying', 'failed', 'refused'] as const;
/** One attempt in a partner's delivery log. */
export const webhookDeliverySchema = z.object({
	id: z.number(),
	eventId: z.string(),
	type: webhookEventTypeSchema,
	caseId: z.string(),
	attempt: z.number(),
	/** delivered (2xx), retrying (failed, another attempt is queued), failed (the last attempt), refused (SSRF). */
	outcome: z.enum(DELIVERY_OUTCOMES),
	statusCode: z.number().nullable(),
	error: z.string().nullable(),
	at: z.string(),
	nextAttemptAt: z.string().nullable()
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveriesSchema = z.object({
	deliveries: z.array(webhookDeliverySchema),
	/** Pass as `?before=` for older attempts; null on the last page. */
	next: z.number().nullable()
});

export const deliveriesQuerySchema = z.object({
	before: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).optional(),
	limit: z
		.string()
		.regex(/^\d+$/, 'must be a whole number')
		.transform(Number)
		.pipe(z.number().int().min(1).max(200))
		.optional()
});

/** What a partner receives (Standard Webhooks body): `data.case` is the signed public case of /api/cases/:id. */
export const webhookPayloadSchema = z.object({
	type: webhookEventTypeSchema,
	timestamp: z.string(),
	data: z.object({ case: signedCaseResponseSchema })
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
