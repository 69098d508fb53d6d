import { translate } from '../../src/lib/i18n/all';
import { LANGS, type Lang } from '../../src/lib/schemas';
import { photoUrlFor, type CaseRow } from '../db/cases';
import { buildPushMessages } from '../fanout/messages';
import { currentMessage, type CapMessage } from './cap-history';
import { element } from './xml';

const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
const HOUR_MS = 3_600_000;
/** An open case's message stays current for the Atom window; a closed one for the day widgets show "Found". */
const EXPIRES_OPEN_MS = 7 * 24 * HOUR_MS;
const EXPIRES_CLOSED_MS = 24 * HOUR_MS;

/** CAP wants `2026-11-25T05:00:00-00:00`: no fraction, no `Z`, and UTC written `-00:00` (CAP 1.2 §3.3.2). */
export function capDateTime(iso: string): string {
	return `${new Date(iso).toISOString().slice(0, 19)}-00:00`;
}

/**
 * The case a message speaks of: as it stood when the message was sent. Retention (functions/db/retention.ts) is
 * the one exception: what it removed from the case is removed from every message too.
 */
export function caseAsSent(row: CaseRow, message: CapMessage): CaseRow {
	const sent = message.snapshot;
	if (!sent) return row;
	if (!row.retained_at) return sent;
	const { child_name, photo_key, clothing, description, height_cm, contact_phone } = row;
	return { ...sent, child_name, photo_key, clothing, description, height_cm, contact_phone };
}

/** Whether the hotline is the police's own 110, which the instruction names anyway. */
function isEmergencyNumber(phone: string): boolean {
	return phone.replace(/[^0-9]/g, '') === '110';
}

/**
 * The sender and the identifier of a case's message at a version (API.md: `…:<caseId>:v<version>`). The sender
 * is the issuing unit's code at the host (`420100@host`, as IPAWS names each alerting authority), fixed per
 * message when it was sent; messages from before units, and units without a code, are `reunion@host`.
 */
export function capNames(
	origin: string,
	caseId: string
): {
	sender(message: Pick<CapMessage, 'sender'>): string;
	identifier(message: Pick<CapMessage, 'version' | 'repeat'>): string;
} {
	const host = new URL(origin).host;
	const urn = `urn:reunion:${host}:case:${caseId}`;
	return {
		sender: ({ sender }) => `${sender ?? 'reunion'}@${host}`,
		identifier: ({ version, repeat }) => `${urn}:v${version}${repeat ? `-${repeat}` : ''}`
	};
}

const PHOTO_TYPES: Record<string, string> = { png: 'image/png', webp: 'image/webp', svg: 'image/svg+xml' };

/** urgency, severity, certainty: the alert's weight only while the case is open (API.md). */
function weight(message: CapMessage): [string, string, string] {
	if (message.kind === 'alert' || message.kind === 'update') return ['Immediate', 'Severe', 'Observed'];
	if (message.kind === 'resolved') return ['Past', 'Minor', 'Observed'];
	return ['Past', 'Minor', 'Unknown'];
}

function expires(message: CapMessage): string {
	const open = message.kind === 'alert' || message.kind === 'update';
	return capDateTime(
		new Date(Date.parse(message.sentAt) + (open ? EXPIRES_OPEN_MS : EXPIRES_CLOSED_MS)).toISOString()
	);
}

function head(lang: Lang, message: CapMessage): string[] {
	const [urgency, severity, certainty] = weight(message);
	return [
		element('language', lang),
		element('category', 'Rescue'),
		element('event', translate(lang, 'cap.event')),
		element('urgency', urgency),
		element('severity', severity),
		element('certainty', certainty),
		`<eventCode>${element('valueName', 'reunion')}${element('value', 'missing-child')}</eventCode>`
	];
}

/** API.md: a cancelled case carries the Cancel without the child, in every message of the case. */
function withdrawnInfo(lang: Lang, message: CapMessage): string {
	const parts = [
		...head(lang, message),
		element('expires', expires(message)),
		element('senderName', translate(lang, 'cap.senderName')),
		element('headline', translate(lang, 'cap.withdrawnHeadline')),
		element('description', translate(lang, 'cap.withdrawnDescription'))
	];
	return `<info>${parts.join('')}</info>`;
}

function description(row: CaseRow, message: CapMessage, body: string, lang: Lang): string {
	if (message.radiusStep) return translate(lang, 'cap.radiusText', { radiusKm: message.radiusKm });
	// Police updates always carry text; the one update without is a hand-over (issue 21), named in each language.
	if (message.kind === 'update' && !message.text && row.issuer_name)
		return translate(lang, 'cap.handedOverText', { unit: row.issuer_name });
	if (message.kind !== 'alert') return message.text || body;
	return [body, row.clothing, row.description].filter(Boolean).join('\n');
}

function info(row: CaseRow, lang: Lang, origin: string, message: CapMessage): string {
	const texts = buildPushMessages(row, message.kind, message.text ?? undefined)[lang];
	const photo = photoUrlFor(row.photo_key);
	const parts = [
		...head(lang, message),
		element('onset', capDateTime(row.last_seen_at)),
		element('expires', expires(message)),
		// The issuing police unit (API.md "Police units"), as IPAWS names each alerting authority.
		element('senderName', row.issuer_name ?? translate(lang, 'cap.senderName')),
		element('headline', texts.title),
		element('description', description(row, message, texts.body, lang)),
		// A case past its retention period has no hotline left (functions/db/retention.ts).
		...((message.kind === 'alert' || message.kind === 'update') && row.contact_phone
			? [
					element(
						'instruction',
						isEmergencyNumber(row.contact_phone)
							? translate(lang, 'cap.instruction110')
							: translate(lang, 'cap.instruction', { phone: row.contact_phone })
					)
				]
			: []),
		// An exercise has no public page to point at (API.md: no public surface).
		...(row.exercise ? [] : [element('web', `${origin}/cases/${encodeURIComponent(row.id)}`)]),
		...(row.contact_phone ? [element('contact', row.contact_phone)] : [])
	];
	if (photo) {
		const extension = photo.split('.').at(-1)?.toLowerCase() ?? '';
		parts.push(
			`<resource>${element('resourceDesc', translate(lang, 'cap.photo'))}${element(
				'mimeType',
				PHOTO_TYPES[extension] ?? 'image/jpeg'
			)}${element('uri', new URL(photo, origin).href)}</resource>`
		);
	}
	parts.push(
		`<area>${element('areaDesc', row.place_name)}${element('circle', `${row.lat},${row.lon} ${message.radiusKm}`)}</area>`
	);
	return `<info>${parts.join('')}</info>`;
}

/** The message's headline in one language, as its CAP `info` has it. */
export function capHeadline(row: CaseRow, message: CapMessage, lang: Lang): string {
	if (isWithdrawn(row, message)) return translate(lang, 'cap.withdrawnHeadline');
	return buildPushMessages(caseAsSent(row, message), message.kind, message.text ?? undefined)[lang].title;
}

/** API.md: a Cancel carries no child, nor does anything still served of a cancelled case. */
export function isWithdrawn(row: CaseRow, message: CapMessage): boolean {
	return message.kind === 'cancelled' || row.status === 'cancelled';
}

/** CAP `status`: a case never published is a draft (the console's preview), an exercise says so. */
function capStatus(row: CaseRow): string {
	if (row.published_at === null) return 'Draft';
	return row.exercise ? 'Exercise' : 'Actual';
}

/**
 * The `<alert>` element of the case's message `history[index]`, rendered from the case as it stood when the message
 * was sent (caseAsSent), so the same identifier always names the same message. `references` names every earlier
 * message of the case (CAP 1.2 §3.2.1: "sender,identifier,sent" triples, space-separated).
 */
export function capElement(
	row: CaseRow,
	history: readonly CapMessage[],
	index: number,
	origin: string
): string {
	const message = history[index];
	if (!message) throw new RangeError(`case ${row.id} has no message ${index}`);
	const names = capNames(origin, row.id);
	const msgType = message.kind === 'cancelled' ? 'Cancel' : index === 0 ? 'Alert' : 'Update';
	const references = history
		.slice(0, index)
		// Each earlier message as it was sent, its own sender included (CAP 1.2 §3.2.1).
		.map((earlier) => `${names.sender(earlier)},${names.identifier(earlier)},${capDateTime(earlier.sentAt)}`);
	const withdrawn = isWithdrawn(row, message);
	const sent = caseAsSent(row, message);
	const parts = [
		element('identifier', names.identifier(message)),
		element('sender', names.sender(message)),
		element('sent', capDateTime(message.sentAt)),
		element('status', capStatus(row)),
		element('msgType', msgType),
		element('scope', row.exercise ? 'Restricted' : 'Public'),
		...(row.exercise ? [element('restriction', translate('en', 'cap.exerciseRestriction'))] : []),
		...(references.length ? [element('references', references.join(' '))] : []),
		...LANGS.map((lang) => (withdrawn ? withdrawnInfo(lang, message) : info(sent, lang, origin, message)))
	];
	return `<alert xmlns="${CAP_NAMESPACE}">${parts.join('')}</alert>`;
}

/** A standalone CAP 1.2 document: the case's latest message, or its state as one message when none is recorded. */
export function capDocument(row: CaseRow, history: readonly CapMessage[], origin: string): string {
	const messages = history.length ? history : [currentMessage(row)];
	return `<?xml version="1.0" encoding="UTF-8"?>\n${capElement(row, messages, messages.length - 1, origin)}\n`;
}

/**
 * The console's CAP view of a case (any status, exercises included): the same document the public feed serves
 * for the latest message, or for a case never published its draft as one message.
 */
export function capAlert(row: CaseRow, origin: string, history: readonly CapMessage[] = []): string {
	return capDocument(row, row.published_at === null ? [] : history, origin);
}
