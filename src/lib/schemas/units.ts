import { z } from 'zod';
import { latitudeSchema, longitudeSchema, textSchema } from './common';

/** API.md "Police units": ministry → province → prefecture/city → county/district. */
export const UNIT_LEVELS = ['ministry', 'province', 'city', 'county'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** GB/T 2260: six digits (province 2, prefecture 2, county 2). */
export const divisionCodeSchema = z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 code');

/**
 * Division codes whose outline the Worker can test a point against (functions/units/area.ts). The platform
 * ships no polygon set of China's divisions, so any other division is described by circles.
 */
export const KNOWN_DIVISIONS = ['100000'] as const;

export const unitCircleSchema = z.object({
	lat: latitudeSchema,
	lon: longitudeSchema,
	radiusKm: z.number().min(1).max(3000)
});
export type UnitCircle = z.infer<typeof unitCircleSchema>;

export const unitAreaSchema = z
	.object({
		divisions: z
			.array(
				divisionCodeSchema.refine((code) => (KNOWN_DIVISIONS as readonly string[]).includes(code), {
					message: 'no outline of this division is bundled: describe the area with circles'
				})
			)
			.max(20)
			.optional(),
		circles: z.array(unitCircleSchema).max(50).optional()
	})
	.refine((area) => (area.divisions?.length ?? 0) + (area.circles?.length ?? 0) > 0, {
		message: 'give at least one division or circle'
	});
export type UnitArea = z.infer<typeof unitAreaSchema>;

/** A row of GET /api/police/units. `maxRadiusKm` null = no limit of its own. */
export const unitSchema = z.object({
	id: z.string(),
	code: z.string().nullable(),
	name: z.string(),
	parentId: z.string().nullable(),
	level: z.enum(UNIT_LEVELS),
	area: z.object({
		divisions: z.array(z.string()).optional(),
		circles: z.array(unitCircleSchema).optional()
	}),
	maxRadiusKm: z.number().nullable(),
	disabled: z.boolean()
});
export type Unit = z.infer<typeof unitSchema>;

export const unitCreateSchema = z.object({
	code: divisionCodeSchema.nullable().default(null),
	name: textSchema().min(1).max(60),
	parentId: z.string().min(1).max(64),
	level: z.enum(UNIT_LEVELS),
	area: unitAreaSchema,
	maxRadiusKm: z.number().min(1).max(3000).nullable()
});

export const unitPatchSchema = unitCreateSchema
	.pick({ name: true, area: true, maxRadiusKm: true })
	.extend({ code: divisionCodeSchema.nullable() })
	.extend({ disabled: z.boolean() })
	.partial()
	.refine((patch) => Object.keys(patch).length > 0, 'change at least one field');

/** The issuing unit as the public sees it, inside every signed case (API.md). */
export const issuerSchema = z.object({ code: z.string().nullable(), name: z.string() });
export type Issuer = z.infer<typeof issuerSchema>;

/** POST /api/police/cases/:id/hand-over: the receiving unit and why (kept in the audit row). */
export const handOverSchema = z.object({
	unitId: z.string().min(1).max(64),
	reason: textSchema().min(1).max(500)
});
