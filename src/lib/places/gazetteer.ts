// Reads the gazetteer text that scripts/build-gazetteer.mjs writes (static/places/cn.txt, world.txt) into
// entries ready for matching. Shared by the Worker (/api/places) and the device (/regions, the clue form).
import { coreName, foldLatin } from './names';

export type PlaceLevel = 'country' | 'province' | 'prefecture' | 'county' | 'township' | 'city' | 'poi';

export interface Entry {
	id: string;
	parent: Entry | null;
	level: PlaceLevel;
	name: string;
	/** Latin names (English, other spellings) as written. */
	latin: string[];
	lat: number;
	lon: number;
	/** The point is the parent's: the unit has none of its own. */
	approximate: boolean;
	population: number;
	/** Match keys: the name and its core; pinyin of both, joined; initials of both; folded Latin names. */
	han: string[];
	keys: string[];
	initials: string[];
	country: string;
	/** Pinyin syllables of a Chinese name (empty elsewhere). */
	syllables: string[];
}

const LEVEL_BY_LENGTH: Record<number, PlaceLevel> = {
	2: 'province',
	4: 'prefecture',
	6: 'county',
	9: 'township'
};

/** The GB code a line's id stands for (tails are relative to the previous non-township code). */
function decodeCode(id: string, previous: string): string {
	if (id.startsWith('.')) return previous.slice(0, 4) + id.slice(1);
	if (id.length === 3 && previous.length >= 6) return previous.slice(0, 6) + id;
	return id;
}

function keysOf(
	name: string,
	syllables: string[],
	latin: string[]
): Pick<Entry, 'han' | 'keys' | 'initials'> {
	const core = coreName(name);
	const coreSyllables = syllables.slice(0, [...core].length);
	const han = core === name ? [name] : [name, core];
	const keys = new Set([syllables.join(''), coreSyllables.join(''), ...latin.map(foldLatin)]);
	const initials = new Set([syllables.map((s) => s[0]).join(''), coreSyllables.map((s) => s[0]).join('')]);
	keys.delete('');
	initials.delete('');
	return { han, keys: [...keys], initials: [...initials] };
}

/** Parses one gazetteer text; `country` is 'CN' for cn.txt (world rows name their own). */
export function parseGazetteer(text: string, country = 'CN'): Entry[] {
	const entries: Entry[] = [];
	const byCode = new Map<string, Entry>();
	let usual = new Map<string, string>();
	let previous = '';
	for (const line of text.split('\n')) {
		if (!line) continue;
		const f = line.split('\t');
		if (f[0] === '~') {
			usual = new Map(
				(f[1] ?? '')
					.split(' ')
					.map((pair) => [
						String.fromCodePoint(pair.codePointAt(0)!),
						pair.slice(pair.codePointAt(0)! > 0xffff ? 2 : 1)
					])
			);
			continue;
		}
		const [id = '', parentCode = '', level = '', name = '', pinyin = '', latinText = '', lat = '', lon = ''] =
			f;
		const population = f[8];
		const world =
			id.startsWith('g') && !byCode.has(parentCode) && parentCode.length === 2 && /[A-Z]/.test(parentCode);
		const code = id.startsWith('g') ? id : decodeCode(id, previous);
		if (!id.startsWith('g') && code.length !== 9) previous = code;
		let parent: Entry | null = null;
		if (id.startsWith('g')) parent = byCode.get(parentCode) ?? null;
		else
			for (const n of [6, 4, 2])
				if (!parent && n < code.length) parent = byCode.get(code.slice(0, n)) ?? null;
		const syllables = world ? [] : (pinyin || [...name].map((c) => usual.get(c) ?? '').join(' ')).split(' ');
		const latin = latinText ? latinText.split('|') : [];
		const own = lat !== '' && lon !== '';
		const entry: Entry = {
			id: code,
			parent,
			level: (level || LEVEL_BY_LENGTH[code.length]) as PlaceLevel,
			name,
			latin,
			lat: own ? Number(lat) : (parent?.lat ?? 0),
			lon: own ? Number(lon) : (parent?.lon ?? 0),
			approximate: !own,
			population: Number(population) || 0,
			country: world ? parentCode : country,
			syllables: syllables.filter(Boolean),
			...keysOf(name, syllables.filter(Boolean), world ? [name, ...latin] : latin)
		};
		if (world) entry.han = latin.filter((l) => /\p{Script=Han}/u.test(l));
		entries.push(entry);
		if (!id.startsWith('g')) byCode.set(code, entry);
	}
	return entries;
}

/** The names from the top down, the place itself last: ["上海市", "浦东新区"]. */
export function adminPath(entry: Entry): string[] {
	const path: string[] = [];
	for (let e: Entry | null = entry; e; e = e.parent) path.unshift(e.name);
	return path;
}
