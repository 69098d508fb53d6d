import type { Lang } from '../schemas/common';
import { utcOffsetLabel } from '../time/offset-label';
import { zoneOffsetMinutes } from '../time/zoned-time';

/** The zones most readers here live in, shown first and by their local names; the other ~400 come on search. */
export const COMMON_ZONES = [
	'Asia/Shanghai',
	'Asia/Hong_Kong',
	'Asia/Taipei',
	'Asia/Urumqi',
	'Asia/Tokyo',
	'Asia/Seoul',
	'Asia/Singapore',
	'Europe/London',
	'Europe/Paris',
	'America/New_York',
	'America/Los_Angeles',
	'Australia/Sydney',
	'UTC'
];

/** At most this many matches of a search are listed. */
const MAX_MATCHES = 40;

export interface ZoneChoice {
	zone: string;
	label: string;
}

/** "中国标准时间（UTC+8）" or "China Standard Time (UTC+8)": the zone's name in the reader's language. */
export function zoneName(zone: string, lang: Lang, at = new Date()): string {
	const offset = utcOffsetLabel(zoneOffsetMinutes(zone, at));
	if (zone === 'UTC') return offset;
	const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' })
		.formatToParts(at)
		.find((part) => part.type === 'timeZoneName')?.value;
	const local = name && !/^GMT/.test(name) ? name : zone;
	return lang === 'zh-CN' ? `${local}（${offset}）` : `${local} (${offset})`;
}

/**
 * The choices of the time zone list: without a query the common zones (and the chosen one), localised; with
 * one, every zone whose IANA id or local name contains it, the id shown too since names repeat.
 */
export function zoneChoices(
	lang: Lang,
	query: string,
	allZones: string[],
	chosen: string,
	at = new Date()
): ZoneChoice[] {
	const wanted = query.trim().toLowerCase();
	if (!wanted) {
		const zones = COMMON_ZONES.includes(chosen) ? COMMON_ZONES : [chosen, ...COMMON_ZONES];
		return zones.map((zone) => ({ zone, label: zoneName(zone, lang, at) }));
	}
	const matches: ZoneChoice[] = [];
	for (const zone of new Set([chosen, ...COMMON_ZONES, ...allZones])) {
		const name = zoneName(zone, lang, at);
		if (zone.toLowerCase().replace(/_/g, ' ').includes(wanted) || name.toLowerCase().includes(wanted))
			matches.push({ zone, label: `${name} · ${zone}` });
		if (matches.length === MAX_MATCHES) break;
	}
	return matches;
}
