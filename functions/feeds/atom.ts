import { translate } from '../../src/lib/i18n/all';
import type { Lang } from '../../src/lib/schemas';
import type { CaseRow } from '../db/cases';
import type { CapMessage } from './cap-history';
import { capElement, capHeadline, capNames } from './cap';
import { element, escapeXml, utcSeconds } from './xml';

/** One CAP message of a case, as one Atom entry. */
export interface AtomItem {
	row: CaseRow;
	history: readonly CapMessage[];
	index: number;
}

export interface AtomFeed {
	origin: string;
	/** The feed's own URL with its query (RFC 4287 §4.2.7.2 `self`), so area feeds have their own id. */
	selfUrl: string;
	lang: Lang;
	items: readonly AtomItem[];
	/** Used when there is no entry to take the time from. */
	now: Date;
}

function entry(item: AtomItem, origin: string, lang: Lang): string {
	const message = item.history[item.index]!;
	const { row } = item;
	const names = capNames(origin, row.id);
	const caseUrl = `${origin}/cases/${encodeURIComponent(row.id)}`;
	const capUrl = `${origin}/feeds/cap/${encodeURIComponent(row.id)}.xml`;
	return [
		'<entry>',
		element('id', names.identifier(message)),
		element('title', capHeadline(row, message, lang)),
		element('updated', utcSeconds(message.sentAt)),
		// RFC 4287 §4.2.1: an entry's own author overrides the feed's: the issuing police unit (API.md "Police units").
		...(row.issuer_name ? [`<author>${element('name', row.issuer_name)}</author>`] : []),
		`<link rel="alternate" type="text/html" href="${escapeXml(caseUrl)}"/>`,
		`<link rel="related" type="application/cap+xml" href="${escapeXml(capUrl)}"/>`,
		// RFC 4287 §4.1.3.3: with an XML media type the content is the CAP element itself, inline.
		`<content type="application/cap+xml">${capElement(row, item.history, item.index, origin)}</content>`,
		'</entry>'
	].join('');
}

/** Atom 1.0: one entry per CAP message (alerts, updates, cancels), newest first. */
export function atomFeed(feed: AtomFeed): string {
	const items = [...feed.items].sort((a, b) =>
		b.history[b.index]!.sentAt.localeCompare(a.history[a.index]!.sentAt)
	);
	const newest = items[0] ? items[0].history[items[0].index]!.sentAt : feed.now.toISOString();
	const parts = [
		element('id', feed.selfUrl),
		element('title', translate(feed.lang, 'feeds.atomTitle')),
		element('subtitle', translate(feed.lang, 'feeds.atomSubtitle')),
		element('updated', utcSeconds(newest)),
		`<author>${element('name', translate(feed.lang, 'cap.senderName'))}${element('uri', feed.origin)}</author>`,
		`<link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
		`<link rel="alternate" type="text/html" href="${escapeXml(feed.origin)}/"/>`,
		element('generator', 'Reunion'),
		...items.map((item) => entry(item, feed.origin, feed.lang))
	];
	return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.lang}">${parts.join('')}</feed>\n`;
}
