import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { CaseRow } from '../../db/cases';

const XSD = readFileSync(new URL('../../../tests/support/cap-1.2.xsd', import.meta.url), 'utf8');

export const ORIGIN = 'https://reunion.example';

/** Markup in every free-text field: it must come out as text everywhere. */
export const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';

export const PUBLISHED: CaseRow = {
	id: 'c-abc',
	status: 'published',
	exercise: 0,
	demo: 0,
	child_name: '王<小>明 & "Tom"',
	age: 7,
	sex: 'male',
	height_cm: 120,
	clothing: `红色外套 ${XSS}`,
	description: `${XSS}\u0001`,
	contact_phone: '110',
	last_seen_at: '2026-11-25T03:10:00.000Z',
	place_name: `上海市人民广场 ${XSS}`,
	lat: 31.2304,
	lon: 121.4737,
	geohash: 'wtw3sjq',
	radius_km: 100,
	radius_schedule: null,
	photo_key: 'photos/c-abc/1.webp',
	circumstance: 'lost',
	outcome: null,
	created_by: 'u-1',
	approved_by: 'u-2',
	created_at: '2026-11-25T03:20:00.000Z',
	updated_at: '2026-11-25T03:30:00.123Z',
	published_at: '2026-11-25T03:30:00.123Z',
	resolved_at: null,
	cancelled_at: null,
	version: 3
};

/** Validates each CAP `<alert>` against the OASIS schema (tests/support/cap-1.2.xsd). */
export async function expectValidCap(xml: string): Promise<void> {
	const result = await validateXML({
		xml: [{ fileName: 'alert.xml', contents: xml }],
		schema: [{ fileName: 'cap-1.2.xsd', contents: XSD }]
	});
	expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
	expect(result.valid).toBe(true);
}

export async function isValidCap(xml: string): Promise<boolean> {
	const result = await validateXML({
		xml: [{ fileName: 'alert.xml', contents: xml }],
		schema: [{ fileName: 'cap-1.2.xsd', contents: XSD }]
	});
	return result.valid;
}

/** No raw markup from the fixture's fields anywhere in a document. */
export function expectNoRawMarkup(xml: string): void {
	expect(xml).not.toContain('<script');
	expect(xml).not.toContain('<img');
	expect(xml).not.toContain('\u0001');
}
