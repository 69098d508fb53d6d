import { describe, expect, it } from 'vitest';
import { caseCreateSchema, casePatchSchema, sightingSchema } from './case';
import { textSchema } from './common';
import { passkeyRegisterSchema } from './passkeys';
import { cancelSchema, caseUpdateSchema, resolveSchema } from './police';
import { tipCreateSchema } from './tips';
import { userCreateSchema } from './users';

const CASE = {
	childName: '王小明',
	age: 6,
	sex: 'male',
	contactPhone: '110',
	lastSeenAt: '2026-11-27T08:00:00+08:00',
	placeName: '北京',
	lat: 39.9,
	lon: 116.4
};

describe('free text', () => {
	it('keeps newlines and tabs, and refuses NUL, other C0 controls, DEL and C1 controls', () => {
		expect(textSchema().parse('  line one\n\tline two  ')).toBe('line one\n\tline two');
		for (const bad of ['a\0b', 'a\u0007b', 'a\rb', 'a\u001bb', 'a\u007fb', 'a\u0085b'])
			expect(textSchema().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
	});

	it.each<
		[string, (text: string) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }, string]
	>([
		['childName', (t) => caseCreateSchema.safeParse({ ...CASE, childName: t }), 'childName'],
		['placeName', (t) => casePatchSchema.safeParse({ placeName: t }), 'placeName'],
		['clothing', (t) => casePatchSchema.safeParse({ clothing: t }), 'clothing'],
		['description', (t) => casePatchSchema.safeParse({ description: t }), 'description'],
		[
			'a sighting’s place',
			(t) => sightingSchema.safeParse({ lat: 1, lon: 1, placeName: t, seenAt: CASE.lastSeenAt }),
			'placeName'
		],
		['an update', (t) => caseUpdateSchema.safeParse({ text: t }), 'text'],
		['a cancel reason', (t) => cancelSchema.safeParse({ reason: t }), 'reason'],
		[
			'a resolution text',
			(t) => resolveSchema.safeParse({ outcome: 'found_safe', circumstance: 'lost', text: t }),
			'text'
		],
		['a tip', (t) => tipCreateSchema.safeParse({ message: t }), 'message'],
		['a tip’s contact', (t) => tipCreateSchema.safeParse({ message: 'seen', contact: t }), 'contact'],
		[
			'a display name',
			(t) =>
				userCreateSchema.safeParse({
					username: 'officer-1',
					displayName: t,
					role: 'officer',
					password: 'long enough password'
				}),
			'displayName'
		],
		['a passkey name', (t) => passkeyRegisterSchema.safeParse({ name: t, credential: {} }), 'name']
	])('%s refuses a NUL byte', (_name, parse, field) => {
		const result = parse('abc\0def');
		expect(result.success).toBe(false);
		expect(result.error?.issues.some((issue) => issue.path[0] === field)).toBe(true);
	});
});

// Issue 18's probe: U+FFFF in a name made the poster's SVG ill-formed XML.
describe('text XML cannot carry', () => {
	it.each([
		['U+FFFF', '\uFFFF'],
		['U+FFFE', '\uFFFE'],
		['U+FDD0', '\uFDD0'],
		['U+1FFFF', '\u{1FFFF}'],
		['a lone high surrogate', '\uD83D'],
		['a lone low surrogate', '\uDE00'],
		['a low surrogate before a high one', '\uDE00\uD83D']
	])('free text refuses %s', (_name, bad) => {
		expect(textSchema().safeParse(`王${bad}明`).success).toBe(false);
	});

	it('keeps surrogate pairs (emoji, hanzi beyond the BMP) and private-use characters', () => {
		expect(textSchema().parse('𠮷 😀 \uE000')).toBe('𠮷 😀 \uE000');
	});
});

describe('a tip’s seenAt', () => {
	it.each(['0000-01-01T00:00:00Z', '1989-12-31T23:59:59Z', new Date(Date.now() + 3600_000).toISOString()])(
		'refuses %s, as a case’s lastSeenAt',
		(seenAt) => {
			const result = tipCreateSchema.safeParse({ message: 'seen', seenAt });
			expect(result.success).toBe(false);
			expect(result.error?.issues[0]?.path).toEqual(['seenAt']);
		}
	);
});

describe('lastSeenAt', () => {
	it.each(['0000-01-01T00:00:00Z', '1989-12-31T23:59:59Z', new Date(Date.now() + 3600_000).toISOString()])(
		'refuses %s',
		(lastSeenAt) => {
			const result = caseCreateSchema.safeParse({ ...CASE, lastSeenAt });
			expect(result.success).toBe(false);
			expect(result.error?.issues[0]?.path).toEqual(['lastSeenAt']);
		}
	);

	it('accepts a time from 1990 on, with an offset', () => {
		expect(caseCreateSchema.safeParse({ ...CASE, lastSeenAt: '1990-01-01T08:00:00+08:00' }).success).toBe(
			true
		);
		expect(caseCreateSchema.safeParse(CASE).success).toBe(true);
	});
});
