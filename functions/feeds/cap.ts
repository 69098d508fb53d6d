import { translate } from '../../src/lib/i18n/translate';
import { LANGS, type Lang } from '../../src/lib/schemas';
import { photoUrlFor, type CaseRow } from '../db/cases';
import type { MessageKind } from '../db/fanout-jobs';
import { buildPushMessages } from '../fanout/messages';
import type { PushMessage } from '../../src/lib/push/notification';

const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

function escapeXml(text: string): string {
	return text.replace(
		/[<>&"']/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!
	);
}

function element(name: string, value: string | number): string {
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** CAP wants `2026-11-25T05:00:00+00:00`: no fraction, no `Z` (cap-1.2.xsd's pattern). */
export function capDateTime(iso: string): string {
	return `${new Date(iso).toISOString().slice(0, 19)}+00:00`;
}

function kindOf(row: CaseRow): MessageKind {
	if (row.status === 'cancelled') return 'cancelled';
	if (row.status === 'resolved') return 'resolved';
	return 'alert';
}

const PHOTO_TYPES: Record<string, string> = { png: 'image/png', webp: 'image/webp', svg: 'image/svg+xml' };

function info(row: CaseRow, lang: Lang, origin: string, message: PushMessage): string {
	const photo = photoUrlFor(row.photo_key);
	const open = message.kind === 'alert';
	const parts = [
		element('language', lang),
		element('category', 'Rescue'),
		element('event', translate(lang, 'cap.event')),
		element('urgency', open ? 'Immediate' : 'Past'),
		element('severity', open ? 'Severe' : 'Minor'),
		element('certainty', open ? 'Observed' : 'Unknown'),
		`<eventCode>${element('valueName', 'reunion')}${element('value', 'missing-child')}</eventCode>`,
		element('onset', capDateTime(row.last_seen_at)),
		element('senderName', translate(lang, 'cap.senderName')),
		element('headline', message.title),
		element('description', message.body),
		// An exercise has no public page to point at (API.md: no public surface).
		...(row.exercise ? [] : [element('web', `${origin}/cases/${encodeURIComponent(row.id)}`)]),
		element('contact', row.contact_phone)
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
		`<area>${element('areaDesc', row.place_name)}${element('circle', `${row.lat},${row.lon} ${row.radius_km}`)}</area>`
	);
	return `<info>${parts.join('')}</info>`;
}

/**
 * A CAP 1.2 alert for a case as it stands. The first message of a case keeps one identifier, so updates and
 * cancellations can reference it; an exercise says so in `status` and is restricted to officers' devices.
 */
export function capAlert(row: CaseRow, origin: string): string {
	const host = new URL(origin).host;
	const sender = `reunion@${host}`;
	const caseUrn = `urn:reunion:${host}:case:${row.id}`;
	const kind = kindOf(row);
	const first = row.published_at !== null && kind !== 'alert';
	// The same headline and text the push carried, in each language.
	const messages = buildPushMessages(row, kind);
	const parts = [
		element('identifier', kind === 'alert' ? `${caseUrn}:alert` : `${caseUrn}:v${row.version}`),
		element('sender', sender),
		element('sent', capDateTime(row.updated_at)),
		element('status', row.exercise ? 'Exercise' : 'Actual'),
		element('msgType', kind === 'cancelled' ? 'Cancel' : kind === 'resolved' ? 'Update' : 'Alert'),
		element('scope', row.exercise ? 'Restricted' : 'Public'),
		...(row.exercise ? [element('restriction', translate('en', 'cap.exerciseRestriction'))] : []),
		...(first ? [element('references', `${sender},${caseUrn}:alert,${capDateTime(row.published_at!)}`)] : []),
		...LANGS.map((lang) => info(row, lang, origin, messages[lang]))
	];
	return `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_NAMESPACE}">${parts.join('')}</alert>\n`;
}
