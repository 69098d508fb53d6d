import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { CaseRow } from '../db/cases';
import { capAlert, capDateTime } from './cap';

const XSD = readFileSync(new URL('../../tests/support/cap-1.2.xsd', import.meta.url), 'utf8');
const ORIGIN = 'https://reunion.example';

const PUBLISHED: CaseRow = {
	id: 'c-abc',
	status: 'published',
	exercise: 0,
	demo: 0,
	child_name: '王<小>明 & "Tom"',
	age: 7,
	sex: 'male',
	height_cm: 120,
	clothing: '红色外套',
	description: null,
	contact_phone: '110',
	last_seen_at: '2026-11-25T03:10:00.000Z',
	place_name: '上海市人民广场',
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

async function expectValid(xml: string): Promise<void> {
	const result = await validateXML({
		xml: [{ fileName: 'alert.xml', contents: xml }],
		schema: [{ fileName: 'cap-1.2.xsd', contents: XSD }]
	});
	expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
	expect(result.valid).toBe(true);
}

describe('CAP 1.2', () => {
	it('writes a valid Actual alert in both languages, escaping what the officer typed', async () => {
		const xml = capAlert(PUBLISHED, ORIGIN);
		await expectValid(xml);
		expect(xml).toContain('<status>Actual</status><msgType>Alert</msgType><scope>Public</scope>');
		expect(xml).toContain('<identifier>urn:reunion:reunion.example:case:c-abc:alert</identifier>');
		expect(xml).toContain('<sent>2026-11-25T03:30:00+00:00</sent>');
		expect(xml).toContain('王&lt;小&gt;明 &amp; &quot;Tom&quot;');
		expect(xml).toContain('<circle>31.2304,121.4737 100</circle>');
		expect(xml).toContain('<mimeType>image/webp</mimeType>');
		expect(xml).toContain('<web>https://reunion.example/cases/c-abc</web>');
		expect(xml.match(/<info>/g)).toHaveLength(2);
	});

	it('marks an exercise unmistakably: status Exercise, restricted scope, 【演练】 headline, no public link', async () => {
		const xml = capAlert({ ...PUBLISHED, exercise: 1 }, ORIGIN);
		await expectValid(xml);
		expect(xml).toContain('<status>Exercise</status>');
		expect(xml).toContain('<scope>Restricted</scope><restriction>');
		expect(xml).toMatch(/<headline>【演练】/);
		expect(xml).toMatch(/<headline>\[EXERCISE\] /);
		expect(xml).not.toContain('<web>');
	});

	it('cancels and updates by referencing the first alert', async () => {
		const cancelled = capAlert({ ...PUBLISHED, status: 'cancelled', version: 4 }, ORIGIN);
		await expectValid(cancelled);
		expect(cancelled).toContain('<msgType>Cancel</msgType>');
		expect(cancelled).toContain(
			'<references>reunion@reunion.example,urn:reunion:reunion.example:case:c-abc:alert,2026-11-25T03:30:00+00:00</references>'
		);
		const resolved = capAlert({ ...PUBLISHED, status: 'resolved', version: 4, photo_key: null }, ORIGIN);
		await expectValid(resolved);
		expect(resolved).toContain('<msgType>Update</msgType>');
		expect(resolved).toContain('<urgency>Past</urgency>');
	});

	it('has a validator that rejects what the schema forbids', async () => {
		const broken = capAlert(PUBLISHED, ORIGIN).replace(
			'<status>Actual</status>',
			'<status>Test run</status>'
		);
		const result = await validateXML({
			xml: [{ fileName: 'alert.xml', contents: broken }],
			schema: [{ fileName: 'cap-1.2.xsd', contents: XSD }]
		});
		expect(result.valid).toBe(false);
	});

	it('formats times as the schema’s pattern requires', () => {
		expect(capDateTime('2026-01-02T03:04:05.678Z')).toBe('2026-01-02T03:04:05+00:00');
	});
});
