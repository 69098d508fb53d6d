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
// The 66 noncharacters (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF of every plane) and, in a `u` regex, a surrogate that is
// not half of a pair: no keyboard types them, U+FFFE/U+FFFF and lone surrogates cannot appear in XML 1.0 at all
// (the poster, CAP, Atom, PFIF), and a lone surrogate is not even encodable as UTF-8.
const NOT_TEXT = /[\p{Noncharacter_Code_Point}\p{Cs}]/u;

/**
 * Free text a person types (names, places, descriptions, reasons, tips): trimmed, and without control characters
 * other than newline and tab, noncharacters or lone surrogates, which no keyboard produces but which break
 * storage, logs, CSV and feeds. Every free-text field starts from this one schema.
 */
export const textSchema = () =>
	z
		.string()
		.trim()
		.refine((value) => !CONTROL_CHARACTER.test(value), 'must not contain control characters')
		.refine((value) => !NOT_TEXT.test(value), 'must not contain noncharacters or lone surrogates');

const notInFuture = (value: string) => Date.parse(value) <= Date.now() + 5 * 60_000;
// No case in this system predates it; year 0000 and the like are typing slips that would sort and print wrong.
const EARLIEST_SEEN = Date.parse('1990-01-01T00:00:00Z');

/**
 * When a child was seen (a case's lastSeenAt, a sighting, a tip's seenAt): an ISO date-time with offset, from
 * 1990 on and not in the future (five minutes of slack for a phone whose clock runs ahead).
 */
export const seenAtSchema = z.iso
	.datetime({ offset: true })
	.refine((value) => Date.parse(value) >= EARLIEST_SEEN, 'cannot be before 1990')
	.refine(notInFuture, 'cannot be in the future');

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
