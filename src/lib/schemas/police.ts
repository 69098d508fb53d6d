import { z } from 'zod';
import { CIRCUMSTANCES, OUTCOMES } from './case';

export const approveSchema = z.object({
	confirm: z.string().trim().min(1, 'type the child’s name to confirm'),
	version: z.number().int().min(1)
});

export const resolveSchema = z.object({
	outcome: z.enum(OUTCOMES),
	circumstance: z.enum(CIRCUMSTANCES),
	text: z.string().trim().max(500).optional()
});

export const cancelSchema = z.object({ reason: z.string().trim().min(1).max(500) });

export const caseUpdateSchema = z.object({ text: z.string().trim().min(1).max(1000) });

export const emptySchema = z.object({}).strict();
