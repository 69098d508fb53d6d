import type { Lang } from '../schemas/common';
import type { pagesZhCN } from './messages/pages';
import type { policeZhCN } from './messages/police';
import { zhCN } from './messages/zh-CN';
import { offsetMinutesOf, utcOffsetLabel } from '../time/offset-label';

/** Keys every public page may use; messages/police.ts adds the console's. */
export type PublicMessageKey = keyof typeof zhCN;
export type MessageKey = PublicMessageKey | keyof typeof pagesZhCN | keyof typeof policeZhCN;
/** Every language must translate every key: a missing one is a type error, not a blank on screen. */
export type PublicMessages = Record<PublicMessageKey, string>;
export type Params = Record<string, string | number>;

/**
 * What the browser loads is what it needs (issue 9's first-load budget): the default language's public messages
 * are always here; English (`loadCatalogue`, for English readers only) and the console's messages
 * (`loadPoliceCatalogues`) are added when needed, or all up front by ./all.ts for the Worker, server rendering
 * and the service worker, which translate for any reader.
 */
const catalogues: Record<Lang, Partial<Record<MessageKey, string>>> = { 'zh-CN': { ...zhCN }, en: {} };
const loaded = new Set<string>(['zh-CN']);

export function addCatalogue(lang: Lang, messages: Partial<Record<MessageKey, string>>): void {
	Object.assign(catalogues[lang], messages);
}

/** The public messages of `lang`; the root layout's load awaits it before anything renders. */
export async function loadCatalogue(lang: Lang): Promise<void> {
	if (loaded.has(lang)) return;
	addCatalogue('en', (await import('./messages/en')).en);
	loaded.add('en');
}

/** The console's messages, in both languages (small, and a switch of language then needs nothing more). */
export async function loadPoliceCatalogues(): Promise<void> {
	if (loaded.has('police')) return;
	// The console's place field shares the public place search's messages.
	await loadPageCatalogues();
	const { policeZhCN, policeEn } = await import('./messages/police');
	addCatalogue('zh-CN', policeZhCN);
	addCatalogue('en', policeEn);
	loaded.add('police');
}

/** The public messages the home page does not use (/developers, /regions, a case page, its poster), in both languages. */
export async function loadPageCatalogues(): Promise<void> {
	if (loaded.has('pages')) return;
	const { pagesZhCN, pagesEn } = await import('./messages/pages');
	addCatalogue('zh-CN', pagesZhCN);
	addCatalogue('en', pagesEn);
	loaded.add('pages');
}

/** Marks everything loaded, for ./all.ts. */
export function markAllLoaded(): void {
	for (const part of ['zh-CN', 'en', 'police', 'pages']) loaded.add(part);
}

/** Looks up a message and fills `{name}` placeholders. Pure, so the Worker uses it for push texts too. */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
	const template = catalogues[lang][key];
	// Loud, not blank: a page that forgot to load its catalogue fails in its tests.
	if (template === undefined) throw new Error(`message ${key} (${lang}) is not loaded`);
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** "3 hours ago" in the reader's language. */
export function timeAgo(lang: Lang, iso: string, now = Date.now()): string {
	const minutes = Math.round((Date.parse(iso) - now) / 60_000);
	const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
	if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
	const hours = Math.round(minutes / 60);
	if (Math.abs(hours) < 48) return format.format(hours, 'hour');
	return format.format(Math.round(hours / 24), 'day');
}

/** The alerting force's zone (PUBLIC_TIME_ZONE); undefined = the runtime's own, which is UTC in a Worker. */
let displayTimeZone: string | undefined;

/**
 * Pages are rendered in the Worker (UTC) and hydrated in the browser without re-rendering text, so both must
 * format in one named zone, set once from the deployment's configuration by the root layout.
 */
export function setDisplayTimeZone(zone: string | undefined): void {
	displayTimeZone = zone && isTimeZone(zone) ? zone : undefined;
}

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		console.warn(`PUBLIC_TIME_ZONE "${zone}" is not a time zone; dates use the runtime's own`);
		return false;
	}
}

/**
 * A date and time with its zone ("2026年1月1日 10:00 UTC+8"): a console shared across provinces, and readers
 * abroad, must not guess whose clock a time is on. The zone is named in one wording in every language
 * (utcOffsetLabel), after the time, rather than by Intl's timeZoneName, which says "GMT+8" in Chinese and puts
 * it between the date and the time.
 */
export function formatDateTime(lang: Lang, iso: string, timeZone = displayTimeZone): string {
	const at = new Date(iso);
	const text = new Intl.DateTimeFormat(lang, {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone
	}).format(at);
	const offset = timeZone ? offsetMinutesOf(timeZone, at) : -at.getTimezoneOffset();
	return `${text} ${utcOffsetLabel(offset)}`;
}

/** The offset datetime-local inputs are read in, "UTC+8" or "UTC-3:30", from this device's clock at `at`. */
export function localZoneLabel(at: Date = new Date()): string {
	return utcOffsetLabel(-at.getTimezoneOffset());
}
