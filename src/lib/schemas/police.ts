import { z } from 'zod';
import { CIRCUMSTANCES, OUTCOMES, radiusKmSchema, sightingSchema } from './case';
import { textSchema } from './common';

export const approveSchema = z.object({
	confirm: textSchema().min(1, 'type the child’s name to confirm'),
	version: z.number().int().min(1),
	/** false: approve the alert but not its radius schedule (the approver removes the growing area). */
	radiusGrowth: z.boolean().default(true)
});

/** The radius the approver saw proposed: if it changed meanwhile, approval is a 409. */
export const approveRadiusSchema = z.object({ radiusKm: radiusKmSchema });

export const resolveSchema = z.object({
	outcome: z.enum(OUTCOMES),
	circumstance: z.enum(CIRCUMSTANCES),
	text: textSchema().max(500).optional()
});

export const cancelSchema = z.object({ reason: textSchema().min(1).max(500) });

export const caseUpdateSchema = z.object({
	text: textSchema().min(1).max(1000),
	/** Larger than today's radius; it waits for a second officer's approval before anyone new is alerted. */
	radiusKm: radiusKmSchema.optional(),
	sighting: sightingSchema.optional()
});

export const emptySchema = z.object({}).strict();
