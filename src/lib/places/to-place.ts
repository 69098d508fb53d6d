import type { Place } from '../schemas/places';
import { adminPath, type Entry } from './gazetteer';
import { coreName } from './names';

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** English of a Chinese name: its own Latin form (Harbin), else pinyin in words (浦东新区 → Pudong Xinqu). */
function englishOf(entry: Entry): string | undefined {
	if (entry.country !== 'CN') return undefined;
	if (entry.latin[0]) return entry.latin[0];
	const core = [...coreName(entry.name)].length;
	const words = [entry.syllables.slice(0, core), entry.syllables.slice(core)].filter((w) => w.length > 0);
	return words.map((w) => capital(w.join(''))).join(' ') || undefined;
}

/** An entry as the API (and the device) answers it. */
export function toPlace(entry: Entry): Place {
	const nameEn = englishOf(entry);
	return {
		id: entry.id,
		name: entry.name,
		...(nameEn ? { nameEn } : {}),
		admin: adminPath(entry),
		level: entry.level,
		lat: entry.lat,
		lon: entry.lon,
		...(entry.population ? { population: entry.population } : {}),
		...(entry.approximate ? { approximate: true } : {})
	};
}
