import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { pfifDocument, type PfifPerson } from './pfif';
import { expectNoRawMarkup, ORIGIN, PUBLISHED, XSS } from './testing/fixtures';

const XSD = readFileSync(new URL('../../tests/support/pfif-1.4.xsd', import.meta.url), 'utf8');

const PERSONS: PfifPerson[] = [
	{
		row: { ...PUBLISHED, status: 'resolved', outcome: 'found_safe', resolved_at: '2026-11-25T09:00:00Z' },
		notes: [
			{ id: 11, kind: 'update', text: `在车站附近 ${XSS}`, at: '2026-11-25T05:00:00.500Z' },
			{ id: 12, kind: 'resolved', text: '已找到，平安', at: '2026-11-25T09:00:00Z' }
		]
	},
	{
		row: { ...PUBLISHED, id: 'c-open', sex: 'unknown', photo_key: null, clothing: null, description: null },
		notes: []
	},
	{ row: { ...PUBLISHED, id: 'c-err', status: 'cancelled', cancelled_at: '2026-11-25T04:00:00Z' }, notes: [] }
];

async function validate(xml: string) {
	return validateXML({
		xml: [{ fileName: 'pfif.xml', contents: xml }],
		schema: [{ fileName: 'pfif-1.4.xsd', contents: XSD }]
	});
}

describe('PFIF 1.4', () => {
	it('writes persons and police notes in the specification’s order and vocabulary', async () => {
		const xml = pfifDocument(PERSONS, ORIGIN);
		const result = await validate(xml);
		expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
		expect(xml).toContain('<pfif:person_record_id>reunion.example/person.c-abc</pfif:person_record_id>');
		expect(xml).toContain('<pfif:full_name>王&lt;小&gt;明 &amp; &quot;Tom&quot;</pfif:full_name>');
		expect(xml).toContain('<pfif:sex>male</pfif:sex><pfif:age>7</pfif:age>');
		expect(xml).toContain(
			'<pfif:photo_url>https://reunion.example/api/photos/photos/c-abc/1.webp</pfif:photo_url>'
		);
		expect(xml).toContain('<pfif:entry_date>2026-11-25T05:00:00Z</pfif:entry_date>');
		// A year after the case's last change: the same document until the case changes.
		expect(xml).toContain('<pfif:expiry_date>2027-11-25T03:30:00Z</pfif:expiry_date>');
		expect(xml).toContain('<pfif:status>information_sought</pfif:status>');
		expect(xml).toContain('<pfif:status>believed_alive</pfif:status><pfif:text>已找到，平安</pfif:text>');
		expectNoRawMarkup(xml);
	});

	it('leaves a cancelled case as an expired placeholder without the child', () => {
		const xml = pfifDocument(PERSONS, ORIGIN);
		const placeholder =
			/<pfif:person><pfif:person_record_id>reunion.example\/person.c-err<.*?<\/pfif:person>/.exec(xml)![0];
		expect(placeholder).toContain('<pfif:expiry_date>2026-11-25T04:00:00Z</pfif:expiry_date>');
		expect(placeholder).toContain('<pfif:full_name></pfif:full_name>');
		expect(placeholder).not.toContain('王');
	});

	it('has a schema that rejects fields out of order', async () => {
		const swapped = pfifDocument(PERSONS.slice(1, 2), ORIGIN)
			.replace(/(<pfif:age>7<\/pfif:age>)(<\/pfif:person>)/, '$2')
			.replace('<pfif:person_record_id>', '<pfif:age>7</pfif:age><pfif:person_record_id>');
		expect((await validate(swapped)).valid).toBe(false);
	});
});
