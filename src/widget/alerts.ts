import type { CaseStatus } from '../lib/schemas/case';
import type { AlertSignature } from '../lib/signing/alert-signature';

/** An item of `/api/alerts?include=closed` as the widget reads it (API.md CaseSummary, plus what it adds). */
export interface WidgetAlert {
	id: string;
	status: CaseStatus;
	childName?: string;
	age?: number;
	photoUrl?: string | null;
	lastSeenAt?: string;
	placeName?: string;
	publishedAt?: string | null;
	resolvedAt?: string | null;
	distanceKm?: number;
	/** Demo data (local mode): shown with a demo badge, whatever its signature says. */
	demo?: boolean;
	/** The issuing police unit; inside the signature (API.md "Police units"). */
	issuer?: { code: string | null; name: string };
	signature?: AlertSignature;
}

/** A resolved case shows "Found" this long, then leaves the list. */
export const FOUND_SHOWN_MS = 24 * 3_600_000;

/**
 * What the widget lists: open cases, and cases found within the last day; a cancelled case leaves at once.
 * `radiusKm` only narrows the list (API.md): the server already applied each case's own radius.
 */
export function visibleAlerts(
	alerts: readonly WidgetAlert[],
	options: { now: number; radiusKm?: number; max: number }
): WidgetAlert[] {
	return alerts
		.filter((alert) => {
			if (alert.status === 'published') return true;
			if (alert.status !== 'resolved' || !alert.resolvedAt) return false;
			return options.now - Date.parse(alert.resolvedAt) < FOUND_SHOWN_MS;
		})
		.filter((alert) => options.radiusKm === undefined || (alert.distanceKm ?? 0) <= options.radiusKm)
		.slice(0, options.max);
}

/** The attributes an embedder sets, read leniently: a wrong value falls back rather than breaking the page. */
export interface WidgetOptions {
	lat: number;
	lon: number;
	radiusKm?: number;
	lang: 'zh-CN' | 'en';
	max: number;
	theme: 'light' | 'dark' | 'auto';
}

function number(value: string | null, min: number, max: number): number | undefined {
	if (value === null || value.trim() === '') return undefined;
	const parsed = Number(value);
	return Number.isFinite(parsed) && parsed >= min && parsed <= max ? parsed : undefined;
}

export function readOptions(
	get: (name: string) => string | null,
	fallbackLang: string
): WidgetOptions | null {
	const lat = number(get('lat'), -90, 90);
	const lon = number(get('lon'), -180, 180);
	if (lat === undefined || lon === undefined) return null;
	const lang = get('lang') ?? fallbackLang;
	const theme = get('theme');
	return {
		lat,
		lon,
		radiusKm: number(get('radius-km'), 1, 500),
		lang: lang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN',
		max: Math.round(number(get('max'), 1, 50) ?? 5),
		theme: theme === 'dark' || theme === 'light' ? theme : 'auto'
	};
}
