import { translate } from '../../src/lib/i18n/all';
import { photoUrlFor, type CaseRow } from '../db/cases';
import { element, utcSeconds } from './xml';

const PFIF_NAMESPACE = 'http://zesty.ca/pfif/1.4';
const DAY_MS = 86_400_000;

/** A police update of a case (never a tip: tips are private to the police). */
export interface PfifNote {
	id: string | number;
	kind: 'update' | 'resolved' | 'cancelled';
	text: string;
	at: string;
}

export interface PfifPerson {
	row: CaseRow;
	notes: readonly PfifNote[];
}

const pf = (name: string, value: string | number) => element(`pfif:${name}`, value);

function recordId(domain: string, kind: string, id: string | number): string {
	// PFIF 1.4 §3.1: record ids are "<domain>/<unique id>" with the domain of the repository that made them.
	return `${domain}/${kind}.${id}`;
}

/**
 * PFIF's "found" statement for a resolution: only a safe finding is said outright; anything else stays a
 * police note without a status, which a Person Finder reader would not turn into a guess.
 */
function noteStatus(row: CaseRow, note: PfifNote): string | null {
	if (note.kind === 'resolved') return row.outcome === 'found_safe' ? 'believed_alive' : null;
	return note.kind === 'update' ? 'information_sought' : null;
}

function noteXml(row: CaseRow, note: PfifNote, domain: string, author: string): string {
	const status = noteStatus(row, note);
	const parts = [
		pf('note_record_id', recordId(domain, 'note', note.id)),
		pf('person_record_id', recordId(domain, 'person', row.id)),
		pf('entry_date', utcSeconds(note.at)),
		pf('author_name', author),
		pf('source_date', utcSeconds(note.at)),
		// PFIF 1.4's `found` (named author_made_contact since 1.3): the police who resolve a case found the child.
		...(note.kind === 'resolved' && row.outcome ? [pf('author_made_contact', 'true')] : []),
		...(status ? [pf('status', status)] : []),
		pf('text', note.text)
	];
	return `<pfif:note>${parts.join('')}</pfif:note>`;
}

/**
 * The notes of a person: the police's public updates, and for a resolved case its resolution even when the
 * officer wrote no text with it (then no update was recorded), so every found child has its "found" note.
 */
function notesOf(person: PfifPerson): readonly PfifNote[] {
	const { row, notes } = person;
	if (row.status !== 'resolved' || notes.some((note) => note.kind === 'resolved')) return notes;
	const at = row.resolved_at ?? row.updated_at;
	const text = translate('zh-CN', 'push.resolvedBody', { name: row.child_name });
	return [...notes, { id: `resolved-${row.id}`, kind: 'resolved', text, at }];
}

/**
 * PFIF 1.3 §2.4: an expired record stays as a placeholder with only its id and dates, so copies delete it.
 * `full_name` is required in 1.4, and empty here: the name of a child in an alert sent in error is withheld.
 */
function withdrawnPerson(row: CaseRow, domain: string): string {
	const at = utcSeconds(row.cancelled_at ?? row.updated_at);
	const parts = [
		pf('person_record_id', recordId(domain, 'person', row.id)),
		pf('entry_date', at),
		pf('expiry_date', at),
		pf('source_date', at),
		pf('full_name', '')
	];
	return `<pfif:person>${parts.join('')}</pfif:person>`;
}

function personXml(person: PfifPerson, origin: string, domain: string): string {
	const { row } = person;
	if (row.status === 'cancelled') return withdrawnPerson(row, domain);
	const author = translate('zh-CN', 'feeds.pfifSource');
	const photo = photoUrlFor(row.photo_key);
	const description = [row.clothing, row.description].filter(Boolean).join('\n');
	const parts = [
		pf('person_record_id', recordId(domain, 'person', row.id)),
		pf('entry_date', utcSeconds(row.updated_at)),
		// A copy must come back for fresh data: a record expires a year after its last change (a fixed date, so the
		// document, its digest and its ETag stay the same until the case changes).
		pf('expiry_date', utcSeconds(new Date(Date.parse(row.updated_at) + 365 * DAY_MS).toISOString())),
		pf('author_name', author),
		...(row.contact_phone ? [pf('author_phone', row.contact_phone)] : []),
		// The issuing police unit (API.md "Police units").
		pf('source_name', row.issuer_name ?? author),
		pf('source_date', utcSeconds(row.published_at ?? row.updated_at)),
		pf('source_url', `${origin}/cases/${encodeURIComponent(row.id)}`),
		pf('full_name', row.child_name),
		...(description ? [pf('description', description)] : []),
		...(row.sex === 'unknown' ? [] : [pf('sex', row.sex)]),
		pf('age', row.age),
		...(photo ? [pf('photo_url', new URL(photo, origin).href)] : []),
		...notesOf(person).map((note) => noteXml(row, note, domain, author))
	];
	return `<pfif:person>${parts.join('')}</pfif:person>`;
}

/**
 * PFIF 1.4 persons with the police's public updates as notes, for Person Finder–style consumers. Record ids begin
 * with `domain` (PFIF 1.4 §2.3: a domain name, so no port), by default the host the feed is asked on.
 */
export function pfifDocument(persons: readonly PfifPerson[], origin: string, domain?: string): string {
	domain ||= new URL(origin).hostname;
	const body = persons.map((person) => personXml(person, origin, domain)).join('');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif xmlns:pfif="${PFIF_NAMESPACE}">${body}</pfif:pfif>\n`;
}
