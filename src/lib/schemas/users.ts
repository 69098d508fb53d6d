import { z } from 'zod';
import { textSchema } from './common';

export const ROLES = ['officer', 'approver', 'admin'] as const;
/** Lower-case names people can type on a phone; also safe to print in logs and CSV. */
export const usernameSchema = z
	.string()
	.regex(/^[a-z0-9._-]{3,32}$/, 'use 3–32 lower-case letters, digits, dot, dash or underscore');
/** OWASP ASVS 2.1.1: at least 12 characters; no composition rules. */
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(256);

export const userCreateSchema = z.object({
	username: usernameSchema,
	displayName: textSchema().min(1).max(60),
	role: z.enum(ROLES),
	password: passwordSchema,
	/** Defaults to the admin's own unit. */
	unitId: z.string().min(1).max(64).optional()
});

export const userPatchSchema = z
	.object({
		role: z.enum(ROLES),
		disabled: z.boolean(),
		password: passwordSchema,
		displayName: textSchema().min(1).max(60),
		/** Moves the user to another unit. */
		unitId: z.string().min(1).max(64)
	})
	.partial()
	.refine((patch) => Object.keys(patch).length > 0, 'change at least one field');

/** Sign-in takes any stored username as typed (older accounts may predate usernameSchema's rule). */
export const loginSchema = z.object({
	username: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(256)
});
