import { translate } from '../../src/lib/i18n/all';
import type { PushMessage } from '../../src/lib/push/notification';
import { LANGS, type Lang } from '../../src/lib/schemas';
import type { CaseRow } from '../db/cases';

/** The tag of the summary notification: a later summary replaces an earlier one left on the phone. */
export const SUMMARY_TAG = 'quiet-summary';
/** Case ids one summary lists for the device's shown-record (RFC 8291 keeps the whole message under 4 KB). */
const MAX_CASES = 20;

/** One notification for the alerts quiet hours held, in each language; newest case first. */
export function buildSummaryMessages(cases: CaseRow[]): Record<Lang, PushMessage> {
	const entries = LANGS.map((lang) => [lang, buildOne(cases, lang)] as const);
	return Object.fromEntries(entries) as Record<Lang, PushMessage>;
}

function buildOne(cases: CaseRow[], lang: Lang): PushMessage {
	const title =
		cases.length === 1
			? translate(lang, 'quiet.summaryOne')
			: translate(lang, 'quiet.summaryMany', { n: cases.length });
	const body = cases
		.map((row) =>
			translate(lang, 'quiet.summaryLine', { name: row.child_name, age: row.age, place: row.place_name })
		)
		.join(translate(lang, 'quiet.summarySeparator'));
	const only = cases.length === 1 ? cases[0] : undefined;
	return {
		kind: 'summary',
		caseId: SUMMARY_TAG,
		title,
		body,
		// One case opens its page; several open the home page, which lists the alerts near the device.
		url: only ? `/cases/${encodeURIComponent(only.id)}` : '/',
		cases: cases.slice(0, MAX_CASES).map((row) => row.id)
	};
}
