import { z } from 'zod';
import { isGeohash, REGION_PRECISION } from '../geo';

// No compiled validators: zod's probe for `new Function` is reported as a CSP violation (script-src has no
// 'unsafe-eval'), which Lighthouse counts against Best Practices; Workers refuse eval anyway.
z.config({ jitless: true });

export const LANGS = ['zh-CN', 'en'] as const;
export const langSchema = z.enum(LANGS);
export type Lang = z.infer<typeof langSchema>;

// Unicode control characters (Cc: C0, DEL, C1) other than newline and tab; NUL among them.
const CONTROL_CHARACTER = /[^\P{Cc}\n\t]/u;

/**
 * Free text a person types (names, places, descriptions, reasons, tips): trimmed, and without control characters
 * other than newline and tab, which no keyboard produces but which break storage, logs, CSV and feeds. Every
 * free-text field starts from this one schema.
 */
export const textSchema = () =>
	z
		.string()
		.trim()
		.refine((value) => !CONTROL_CHARACTER.test(value), 'must not contain control characters');

export const latitudeSchema = z.number().min(-90).max(90);
export const longitudeSchema = z.number().min(-180).max(180);

/** A region as the server sees it: a geohash of 5 characters (≈ 4.9 km), never coordinates. */
export const regionGeohashSchema = z.string().refine((value) => isGeohash(value, REGION_PRECISION), {
	message: 'must be a geohash of 5 characters (0-9, b-z without a, i, l, o)'
});

/** Query strings arrive as text: accept a decimal number, refuse anything else. */
export const numericQuery = (inner: z.ZodNumber) =>
	z
		.string()
		.regex(/^-?\d+(\.\d+)?$/, 'must be a number')
		.transform(Number)
		.pipe(inner);
