import { translate } from '../../src/lib/i18n/all';
import type { PushMessage } from '../../src/lib/push/notification';
import { LANGS, type Lang } from '../../src/lib/schemas';
import { photoUrlFor, type CaseRow } from '../db/cases';
import type { MessageKind } from '../db/fanout-jobs';

/**
 * The push text for each language; the sender picks by the subscriber's `lang`. `at` is when the change was
 * announced (the fan-out job's creation, the same instant live pages are told), so a device that heard the
 * change live recognises the push as the same announcement (src/lib/live/shown.ts).
 */
export function buildPushMessages(
	row: CaseRow,
	kind: MessageKind,
	text?: string,
	at?: string
): Record<Lang, PushMessage> {
	const entries = LANGS.map((lang) => [lang, buildOne(row, kind, lang, text, at)] as const);
	return Object.fromEntries(entries) as Record<Lang, PushMessage>;
}

function buildOne(row: CaseRow, kind: MessageKind, lang: Lang, text?: string, at?: string): PushMessage {
	const params = { name: row.child_name, age: row.age, place: row.place_name, issuer: row.issuer_name ?? '' };
	const texts: Record<MessageKind, { title: string; body: string }> = {
		alert: {
			title: translate(lang, 'push.alertTitle', params),
			// The issuing unit opens the alert (API.md "Police units"); a row built in code has none to name.
			body: translate(lang, row.issuer_name ? 'push.alertBodyIssuer' : 'push.alertBody', params)
		},
		update: { title: translate(lang, 'push.updateTitle', params), body: text ?? '' },
		resolved: {
			title: translate(lang, 'push.resolvedTitle', params),
			body: text ?? translate(lang, 'push.resolvedBody', params)
		},
		cancelled: {
			title: translate(lang, 'push.cancelledTitle', params),
			body: text ?? translate(lang, 'push.cancelledBody', params)
		}
	};
	const prefix = row.exercise ? translate(lang, 'exercise.titlePrefix') : '';
	const photo = photoUrlFor(row.photo_key);
	return {
		kind,
		caseId: row.id,
		title: prefix + texts[kind].title,
		body: texts[kind].body,
		url: `/cases/${encodeURIComponent(row.id)}`,
		...(photo ? { image: photo } : {}),
		...(row.exercise ? { exercise: true } : {}),
		...(at ? { at } : {}),
		actions: { view: translate(lang, 'push.view'), clue: translate(lang, 'push.clue') }
	};
}
