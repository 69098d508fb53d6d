import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { pfifDocument, type PfifPerson } from './pfif';
import { PUBLISHED } from './testing/fixtures';

const XSD = readFileSync(new URL('../../tests/support/pfif-1.4.xsd', import.meta.url), 'utf8');

interface Note {
	note_record_id: string;
	author_made_contact?: boolean;
	status?: string;
	text: string;
}
interface Person {
	person_record_id: string;
	full_name?: string;
	note?: Note | Note[];
}

/** PFIF as an importer reads it: fast-xml-parser, namespace prefixes removed, every person and note listed. */
function read(xml: string): Person[] {
	const parser = new XMLParser({
		removeNSPrefix: true,
		parseTagValue: true,
		isArray: (name) => name === 'person' || name === 'note'
	});
	return (parser.parse(xml) as { pfif: { person: Person[] } }).pfif.person;
}

const FOUND: PfifPerson = {
	// Resolved without a text: no public update was written, and yet the child is found.
	row: {
		...PUBLISHED,
		status: 'resolved',
		outcome: 'found_safe',
		resolved_at: '2026-11-25T09:00:00Z',
		version: 4
	},
	notes: [{ id: 11, kind: 'update', text: '在车站附近', at: '2026-11-25T05:00:00Z' }]
};
const CANCELLED: PfifPerson = {
	row: { ...PUBLISHED, id: 'c-err', status: 'cancelled', cancelled_at: '2026-11-25T04:00:00Z' },
	notes: []
};

describe('PFIF 1.4 in an importer', () => {
	it('gives a found child a note saying so, and the cancelled placeholder an empty full_name', async () => {
		const xml = pfifDocument([FOUND, CANCELLED], 'https://reunion.example:8443');
		const result = await validateXML({
			xml: [{ fileName: 'pfif.xml', contents: xml }],
			schema: [{ fileName: 'pfif-1.4.xsd', contents: XSD }]
		});
		expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
		const [found, cancelled] = read(xml);
		const notes = [found!.note ?? []].flat();
		const resolution = notes.find((note) => note.status === 'believed_alive');
		expect(resolution).toMatchObject({ author_made_contact: true });
		expect(resolution!.text).toContain('已经找到');
		expect(cancelled!.person_record_id).toBe('reunion.example/person.c-err');
		expect(cancelled).toHaveProperty('full_name', '');
		expect(cancelled!.note).toBeUndefined();
	});

	it('begins every record id with a domain name: the setting, else the host without its port', () => {
		const ids = (xml: string) =>
			read(xml).flatMap((person) => [
				person.person_record_id,
				...[person.note ?? []].flat().map((note) => note.note_record_id)
			]);
		expect(ids(pfifDocument([FOUND], 'http://localhost:8787'))).toEqual([
			'localhost/person.c-abc',
			'localhost/note.11',
			'localhost/note.resolved-c-abc'
		]);
		for (const id of ids(pfifDocument([FOUND], 'http://127.0.0.1:8787', 'alerts.reunion.example')))
			expect(id).toMatch(/^alerts\.reunion\.example\//);
	});
});
