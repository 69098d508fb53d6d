import { z } from 'zod';
import { CIRCUMSTANCES } from './case';

const count = z.number().int().nonnegative();

/** API.md "Statistics": `GET /api/stats`. Exercises, demo and cancelled cases are never counted. */
export const statsSchema = z.object({
	published: count,
	resolved: count,
	/** resolved ÷ published, 0–1; null before anything was published. */
	recoveryRate: z.number().min(0).max(1).nullable(),
	/** From publication to resolution; null before anything was resolved. */
	medianHoursToRecovery: z.number().nonnegative().nullable(),
	/** Resolved cases by circumstance (counts; the page shows each as a share of `resolved`). */
	byCircumstance: z.object(
		Object.fromEntries(CIRCUMSTANCES.map((c) => [c, count])) as Record<
			(typeof CIRCUMSTANCES)[number],
			typeof count
		>
	),
	/** Every month from the first publication to now, on the force's clock, gaps included as zeros. */
	monthly: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), published: count, resolved: count })),
	/** `?unit=code`: the unit counted (with the units below it); absent for the national figures. */
	unit: z.object({ code: z.string().nullable(), name: z.string() }).optional()
});

/** `GET /api/stats?unit=`: a GB/T 2260 code of a police unit. */
export const statsQuerySchema = z.object({
	unit: z
		.string()
		.regex(/^\d{6}$/)
		.optional()
});

export type Stats = z.infer<typeof statsSchema>;
