import type { MessageKey } from '../i18n';

/** The form's own names for what a problem can land on; `where` covers the point (lat and lon). */
export type ClueField = 'message' | 'seenAt' | 'where' | 'place' | 'contact' | 'photo';

/** A problem in the reader's words: `field` is where it lands, null for one about the whole clue. */
export interface ClueProblem {
	key: MessageKey;
	field: ClueField | null;
}

const FIELD_OF: Record<string, ClueField> = {
	message: 'message',
	seenAt: 'seenAt',
	lat: 'where',
	lon: 'where',
	place: 'place',
	contact: 'contact',
	photo: 'photo'
};

const KEY_OF: Record<ClueField, MessageKey> = {
	message: 'clue.error.message',
	seenAt: 'clue.error.seenAt',
	where: 'clue.error.where',
	place: 'clue.error.place',
	contact: 'clue.error.contact',
	photo: 'clue.error.photo'
};

/** A field named by a schema issue path or by the API (`field` of API.md's error shape). */
export function problemAt(path: string | undefined): ClueProblem {
	const field = path ? FIELD_OF[path.split('.')[0]!] : undefined;
	return field ? { key: KEY_OF[field], field } : { key: 'clue.error.general', field: null };
}

/** The server's refusal (API.md error codes) as something the reader can act on. */
export function problemFromRefusal(refusal: { code: string; field?: string }): ClueProblem {
	switch (refusal.code) {
		case 'rate_limited':
			return { key: 'clue.error.rateLimited', field: null };
		case 'conflict':
			return { key: 'clue.error.closed', field: null };
		case 'not_found':
			return { key: 'clue.error.notFound', field: null };
		// The JSON part is capped far above 2,000 characters of text: only the photo can make a clue too large.
		case 'too_large':
			return { key: 'clue.error.photoTooLarge', field: 'photo' };
		default:
			return problemAt(refusal.field);
	}
}

/** "K7Q-4MD" read out one character at a time, so a screen reader does not try to say it as a word. */
export function spelledReference(reference: string): string {
	return reference.replace('-', '').split('').join(' ');
}
