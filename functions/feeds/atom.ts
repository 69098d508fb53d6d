import { translate } from '../../src/lib/i18n/all';
import type { Lang } from '../../src/lib/schemas';
import type { CaseRow } from '../db/cases';
import type { CapMessage } from './cap-history';
import { capElement, capHeadline, capNames, caseAsSent, isWithdrawn } from './cap';
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
	/** The IANA zone the summaries give times in (PUBLIC_TIME_ZONE). */
	timeZone: string;
}

/** `2026-11-25 11:10 (GMT+8)`: a reader shows the summary as it is, so the zone is written out. */
function localTime(iso: string, timeZone: string): string {
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZoneName: 'shortOffset'
	});
	const part = Object.fromEntries(
		format.formatToParts(new Date(iso)).map(({ type, value }) => [type, value])
	);
	return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} (${part.timeZoneName})`;
}

/**
 * What a feed reader shows of an entry (RFC 4287 §4.2.13, plain text in the feed's language): the headline, the
 * officer's words or the wider radius, and who is missing where since when. A Cancel names no child.
 */
export function entrySummary(item: AtomItem, lang: Lang, timeZone: string): string {
	const message = item.history[item.index]!;
	const headline = capHeadline(item.row, message, lang);
	if (isWithdrawn(item.row, message)) return `${headline}. ${translate(lang, 'cap.withdrawnDescription')}`;
	const child = caseAsSent(item.row, message);
	const news = message.radiusStep
		? translate(lang, 'cap.radiusText', { radiusKm: message.radiusKm })
		: message.kind === 'alert'
			? ''
			: (message.text ?? '');
	const who = translate(lang, 'feeds.summaryChild', {
		name: child.child_name,
		age: child.age,
		place: child.place_name,
		time: localTime(child.last_seen_at, timeZone)
	});
	return [`${headline}.`, news, who].filter(Boolean).join(' ');
}

/**
 * The CAP element with its names prefixed `cap:` (the same XML to a namespace-aware reader): feed readers such as
 * Python's feedparser take unprefixed names inside `content` for their own, so CAP's `category`, `description`
 * and `language` would leak into the entry's tags, summary and language. Text in it is escaped, so every `<`
 * starts a tag.
 */
function withCapPrefix(alert: string): string {
	return alert
		.replace(/<(\/?)(?=[A-Za-z])/g, '<$1cap:')
		.replace('<cap:alert xmlns=', '<cap:alert xmlns:cap=');
}

function entry(item: AtomItem, origin: string, lang: Lang, timeZone: string): string {
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
		element('summary', entrySummary(item, lang, timeZone)),
		// RFC 4287 §4.2.1: an entry's own author overrides the feed's: the issuing police unit (API.md "Police units").
		...(row.issuer_name ? [`<author>${element('name', row.issuer_name)}</author>`] : []),
		`<link rel="alternate" type="text/html" href="${escapeXml(caseUrl)}"/>`,
		`<link rel="related" type="application/cap+xml" href="${escapeXml(capUrl)}"/>`,
		// RFC 4287 §4.1.3.3: with an XML media type the content is the CAP element itself, inline.
		`<content type="application/cap+xml">${withCapPrefix(capElement(row, item.history, item.index, origin))}</content>`,
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
		...items.map((item) => entry(item, feed.origin, feed.lang, feed.timeZone))
	];
	return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.lang}">${parts.join('')}</feed>\n`;
}
