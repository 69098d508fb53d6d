// Benchmark a (issue 3): selection on 2,000,000 subscriber regions in SQLite (node:sqlite), with the same
// schema and the same range-scan SQL as D1: covering vs a full-table distance scan.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { covering, encodeGeohash } from '../../src/lib/geo';
import {
	COVERING_START as START,
	RANGE_PAGE,
	rangePageParams,
	type CoveringCursor as Cursor
} from '../../functions/db/recipients';
import type { RegionRow } from '../../functions/db/subscriptions';
import { isRecipientRow, type Audience } from '../../functions/fanout/select';
import { CITIES } from './cities';

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const FILE = `tests/bench/.data/selection-${ROWS}.sqlite`;
const PAGE = 500;

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function rng(seed: number): () => number {
	return () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function build(): DatabaseSync {
	mkdirSync('tests/bench/.data', { recursive: true });
	const fresh = !existsSync(FILE);
	const db = new DatabaseSync(FILE);
	// RANGE_PAGE reads the quiet-hours columns too (0022); a cached file from before them gets them here.
	const addQuietHours = () => db.exec(readFileSync('functions/migrations/0022_quiet_hours.sql', 'utf8'));
	if (!fresh) {
		const columns = db.prepare(`PRAGMA table_info(subscription_regions)`).all() as Array<{ name: string }>;
		if (!columns.some((c) => c.name === 'quiet_zone')) addQuietHours();
		return db;
	}
	db.exec(readFileSync('functions/migrations/0001_foundation.sql', 'utf8'));
	addQuietHours();
	const random = rng(42);
	const total = CITIES.reduce((sum, c) => sum + c[3], 0);
	const pickCity = () => {
		let r = random() * total;
		for (const city of CITIES) if ((r -= city[3]) <= 0) return city;
		return CITIES[0]!;
	};
	const point = () => {
		const [, lat, lon] = pickCity();
		// A gaussian scatter of ≈ 25 km around the city centre (Box–Muller).
		const r = Math.sqrt(-2 * Math.log(random() || 1e-12)) * 25;
		const a = random() * 2 * Math.PI;
		return encodeGeohash(
			lat + (r / 111.2) * Math.cos(a),
			lon + (r / (111.2 * Math.cos((lat * Math.PI) / 180))) * Math.sin(a),
			5
		);
	};
	const insert = db.prepare(
		`INSERT OR IGNORE INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at, updated_at) VALUES (?, ?, ?, 'BKey', 'auth', 'zh-CN', ?, '', '')`
	);
	db.exec('BEGIN');
	let rows = 0;
	for (let device = 0; rows < ROWS; device++) {
		const count = random() < 0.75 ? 1 : random() < 0.7 ? 2 : 3;
		const regions = [...new Set(Array.from({ length: count }, point))];
		const id = `d${device.toString(36).padStart(7, '0')}`;
		for (const g of regions)
			if (rows++ < ROWS) insert.run(g, id, `https://fcm.googleapis.com/fcm/send/${id}`, regions.join(','));
	}
	db.exec('COMMIT');
	return db;
}

function viaCovering(db: DatabaseSync, audience: Audience): { ids: Set<string>; rowsRead: number } {
	const { ranges } = covering(audience, audience.radiusKm);
	const page = db.prepare(RANGE_PAGE);
	const ids = new Set<string>();
	let rowsRead = 0;
	let cursor: Cursor | null = START;
	while (cursor) {
		const range = ranges[cursor.rangeIndex]!;
		const rows = page.all(...rangePageParams(range, cursor, PAGE)) as unknown as RegionRow[];
		rowsRead += rows.length;
		for (const row of rows) if (isRecipientRow(row, audience)) ids.add(row.subscription_id);
		const last = rows.at(-1);
		cursor =
			rows.length === PAGE && last
				? { ...cursor, geohash: last.geohash, id: last.subscription_id }
				: { rangeIndex: cursor.rangeIndex + 1, geohash: '', id: '' };
		if (cursor.rangeIndex >= ranges.length) cursor = null;
	}
	return { ids, rowsRead };
}

function viaFullScan(db: DatabaseSync, audience: Audience): Set<string> {
	const ids = new Set<string>();
	// The same columns the covering reads: both paths must yield what the sender needs (endpoint, keys, language).
	const scan = db.prepare(
		'SELECT geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id FROM subscription_regions'
	);
	for (const row of scan.iterate() as Iterable<RegionRow>) {
		if (isRecipientRow(row, audience)) ids.add(row.subscription_id);
	}
	return ids;
}

function timed<T>(run: () => T, repeat: number): { result: T; ms: number } {
	let result = run();
	const start = performance.now();
	for (let i = 0; i < repeat; i++) result = run();
	return { result, ms: (performance.now() - start) / repeat };
}

export function runSelection(): Record<string, number | boolean> {
	const started = performance.now();
	const db = build();
	const buildSeconds = (performance.now() - started) / 1000;
	const figures: Record<string, number | boolean> = { selectionRows: ROWS };
	for (const [name, lat, lon] of [
		['shanghai', 31.2304, 121.4737],
		['lhasa', 29.652, 91.1721]
	] as const) {
		const audience: Audience = { lat, lon, radiusKm: 100, innerRadiusKm: 0, officersOnly: false };
		const fast = timed(() => viaCovering(db, audience), 5);
		const slow = timed(() => viaFullScan(db, audience), 1);
		const same =
			fast.result.ids.size === slow.result.size && [...slow.result].every((id) => fast.result.ids.has(id));
		const selectedRows = fast.result.ids.size;
		figures[`${name}Selected`] = selectedRows;
		figures[`${name}RowsReadPerSelected`] =
			Math.round((fast.result.rowsRead / Math.max(1, selectedRows)) * 1000) / 1000;
		figures[`${name}CoveringMs`] = Math.round(fast.ms * 10) / 10;
		figures[`${name}FullScanMs`] = Math.round(slow.ms);
		figures[`${name}Speedup`] = Math.round(slow.ms / fast.ms);
		figures[`${name}Equal`] = same;
		console.log(
			`a. selection ${name}: ${selectedRows} devices, covering ${fast.ms.toFixed(1)} ms reading ${fast.result.rowsRead} rows (${figures[`${name}RowsReadPerSelected`]}× selected) vs full scan ${slow.ms.toFixed(0)} ms → ${figures[`${name}Speedup`]}× faster, equal sets: ${same}`
		);
	}
	console.log(
		`   (database of ${ROWS} rows ${buildSeconds > 5 ? `built in ${buildSeconds.toFixed(0)} s` : 'reused'})`
	);
	db.close();
	return figures;
}
