// Place search over parsed gazetteer entries: Chinese names (whole, core, or inside a longer text such as
// "上海市浦东新区 世纪公园"), full pinyin with or without spaces, initials, English, and a typo or two in Latin
// text. One small index: entries by the first letter of their Latin keys and initials and the first character
// of their Chinese names, so a query scans only the entries that could match (the bench measures it).
import { haversineKm as distanceKm } from '../geo/distance';
import type { Entry, PlaceLevel } from './gazetteer';
import { foldLatin, hasHan } from './names';

export interface SearchOptions {
	near?: { lat: number; lon: number } | null;
	limit?: number;
}

const LEVEL_WEIGHT: Record<PlaceLevel, number> = {
	country: 14,
	province: 12,
	prefecture: 11,
	city: 8,
	county: 8,
	township: 3,
	poi: 0
};

/** Edit distance, giving up above `max` (Latin names are short: the table is tiny). */
const at = (row: number[], k: number) => row[k] ?? Infinity;

export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let before: number[] = [];
	let row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const next = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			next[j] = Math.min(at(row, j) + 1, at(next, j - 1) + 1, at(row, j - 1) + cost);
			// A swap of neighbours (beijnig) counts as one typo.
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				next[j] = Math.min(at(next, j), at(before, j - 2) + 1);
			}
			best = Math.min(best, at(next, j));
		}
		if (best > max) return max + 1;
		[before, row] = [row, next];
	}
	return at(row, b.length);
}

/** How well Chinese text matches an entry (0 = not at all). */
function hanScore(entry: Entry, text: string): number {
	let score = 0;
	for (const name of entry.han) {
		if (name === text) score = Math.max(score, 100);
		else if (name.startsWith(text)) score = Math.max(score, 70);
		// The name inside a longer text: the longer the name, the more it says (浦东新区 over 上海市).
		else if (text.includes(name) && name.length >= 2) score = Math.max(score, 55 + 4 * name.length);
		else if (text.length >= 2 && name.includes(text)) score = Math.max(score, 40);
	}
	if (score > 0 && score < 100) {
		// Ancestors named in the text too: 上海市浦东新区 is Shanghai's Pudong, not another.
		for (let up = entry.parent; up; up = up.parent) if (up.han.some((n) => text.includes(n))) score += 12;
	}
	return score;
}

function latinScore(entry: Entry, text: string): number {
	let score = 0;
	for (const key of entry.keys) {
		if (key === text) return 100;
		if (key.startsWith(text)) score = Math.max(score, 65);
	}
	if (text.length >= 2 && entry.initials.includes(text)) score = Math.max(score, 80);
	else if (text.length >= 2 && entry.initials.some((i) => i.startsWith(text))) score = Math.max(score, 45);
	return score;
}

/** A typo or two (two from eight letters), for a second pass when the first found too little. */
function typoScore(entry: Entry, text: string): number {
	const max = text.length >= 8 ? 2 : 1;
	let score = 0;
	for (const key of entry.keys) {
		if (key[0] !== text[0]) continue;
		const d = editDistance(text, key, max);
		if (d <= max) score = Math.max(score, 50 - 10 * d);
	}
	return score;
}

const buckets = new WeakMap<Entry[], Map<string, Entry[]>>();

/** Entries by first letter / first character: every match shares it with the query (see candidates). */
function bucketsOf(entries: Entry[]): Map<string, Entry[]> {
	let index = buckets.get(entries);
	if (index) return index;
	index = new Map();
	for (const entry of entries) {
		const firsts = new Set<string>();
		// Latin by its first two letters (and its first, for one-letter queries).
		for (const key of [...entry.keys, ...entry.initials]) {
			firsts.add(key.slice(0, 1));
			firsts.add(key.slice(0, 2));
		}
		for (const name of entry.han) firsts.add(String.fromCodePoint(name.codePointAt(0) ?? 0));
		for (const first of firsts) {
			const list = index.get(first);
			if (list) list.push(entry);
			else index.set(first, [entry]);
		}
	}
	buckets.set(entries, index);
	return index;
}

/**
 * The entries a query can match: Latin keys start with the query's first two letters (typos there are not
 * looked for: people rarely miss the start of a name); a Chinese name either starts like the text or lies inside it, so its first character
 * is one of the text's.
 */
function candidates(entries: Entry[], text: string, han: boolean): Entry[] {
	const index = bucketsOf(entries);
	if (!han) return index.get(text.slice(0, 2)) ?? [];
	const found = new Set<Entry>();
	for (const char of new Set(text)) for (const entry of index.get(char) ?? []) found.add(entry);
	return [...found];
}

/** Best first: match quality, then level, population and (with `near`) closeness. */
export function searchPlaces(entries: Entry[], query: string, options: SearchOptions = {}): Entry[] {
	const text = query.normalize('NFKC').trim();
	const han = hasHan(text);
	const latin = han ? '' : foldLatin(text);
	const hanText = text.replace(/\s+/g, '');
	if (!han && !latin) return [];
	const limit = options.limit ?? 10;
	const pool = candidates(entries, han ? hanText : latin, han);
	const scored = rank(pool, options, (entry) => (han ? hanScore(entry, hanText) : latinScore(entry, latin)));
	// Typos only when nothing starts like the query (a hit on Canberra needs no look for Canbera).
	if (!han && latin.length >= 4 && !scored.some((s) => s.match >= 65)) {
		const seen = new Set(scored.map((s) => s.entry));
		const typos = rank(pool, options, (entry) => (seen.has(entry) ? 0 : typoScore(entry, latin)));
		scored.push(...typos);
	}
	scored.sort((a, b) => b.score - a.score || (a.entry.id < b.entry.id ? -1 : 1));
	return scored.slice(0, limit).map((s) => s.entry);
}

function rank(entries: Entry[], options: SearchOptions, matchOf: (entry: Entry) => number) {
	const scored: { entry: Entry; score: number; match: number }[] = [];
	for (const entry of entries) {
		const match = matchOf(entry);
		if (match === 0) continue;
		let score = match + LEVEL_WEIGHT[entry.level] + Math.log10(entry.population + 1) * 1.5;
		if (entry.approximate) score -= 3;
		if (options.near) {
			score -= Math.min(25, 8 * Math.log10(1 + distanceKm(options.near, entry) / 10));
		}
		scored.push({ entry, score, match });
	}
	return scored;
}

/** Nearest entries with points of their own, for reverse lookups: the finest unit near the point. */
export function reversePlace(entries: Entry[], point: { lat: number; lon: number }): Entry | null {
	let best: { entry: Entry; km: number; level: number } | null = null;
	const FINE: Partial<Record<PlaceLevel, number>> = { township: 0, county: 1, city: 1, prefecture: 2 };
	for (const entry of entries) {
		if (entry.approximate || FINE[entry.level] === undefined) continue;
		// Cheap box test first: a degree is at most 111 km.
		if (Math.abs(entry.lat - point.lat) > 0.5 || Math.abs(entry.lon - point.lon) > 0.7) continue;
		const km = distanceKm(point, entry);
		// A township seat must be close to claim the point; a county's or a city's may be further away.
		const reach = entry.level === 'township' ? 6 : 30;
		if (km > reach) continue;
		const level = FINE[entry.level]!;
		if (!best || level < best.level || (level === best.level && km < best.km)) best = { entry, km, level };
	}
	return best?.entry ?? null;
}
