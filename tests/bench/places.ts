// `npm run bench:places` (issue 20): where the place index lives, from measurements. Prints the index sizes,
// the scan's cost in Node, the same queries against SQLite FTS5 (what a D1 index of its own would run), and
// query latency through the real local Worker (wrangler dev), which is the figure the budget (p95 < 50 ms) is for.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { parseGazetteer, type Entry } from '../../src/lib/places/gazetteer';
import { foldLatin, hasHan } from '../../src/lib/places/names';
import { QUALITY_TABLE } from '../../src/lib/places/quality-table';
import { searchPlaces } from '../../src/lib/places/search';

const PORT = Number(process.env.BENCH_PORT ?? 8797);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const STATE = '.wrangler/bench-places-state';
const QUERIES = QUALITY_TABLE.map(([query]) => query);

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};
const kb = (bytes: number) => Math.round(bytes / 1024);

function sizes() {
	const file = (path: string) => readFileSync(path);
	const cn = file('static/places/cn.txt');
	const world = file('static/places/world.txt');
	const worker = file('functions/places/data/gazetteer.js');
	return {
		cnKB: kb(cn.length),
		cnGzipKB: kb(gzipSync(cn, { level: 9 }).length),
		worldKB: kb(world.length),
		worldGzipKB: kb(gzipSync(world, { level: 9 }).length),
		workerModuleGzipKB: kb(gzipSync(worker, { level: 9 }).length)
	};
}

function inNode(entries: Entry[]) {
	const times = [];
	for (let round = 0; round < 3; round++) {
		for (const q of QUERIES) {
			const started = performance.now();
			searchPlaces(entries, q, { limit: 5 });
			times.push(performance.now() - started);
		}
	}
	return { nodeScanP50Ms: percentile(times, 50), nodeScanP95Ms: percentile(times, 95) };
}

/** The alternative: SQLite FTS5 (trigram on names and Latin keys), as D1 would hold it in a database of its own. */
function inFts5(entries: Entry[]) {
	const db = new DatabaseSync(':memory:');
	db.exec(`CREATE VIRTUAL TABLE places USING fts5(name, keys, tokenize = 'trigram')`);
	const insert = db.prepare('INSERT INTO places (rowid, name, keys) VALUES (?, ?, ?)');
	db.exec('BEGIN');
	entries.forEach((e, i) => insert.run(i, e.han.join(' ') || e.name, [...e.keys, ...e.initials].join(' ')));
	db.exec('COMMIT');
	const pages = db.prepare('PRAGMA page_count').get() as { page_count: number };
	const pageSize = db.prepare('PRAGMA page_size').get() as { page_size: number };
	// Trigrams cannot match two characters (海淀): those fall back to LIKE, a full scan.
	const match = db.prepare('SELECT rowid FROM places WHERE places MATCH ? LIMIT 50');
	const like = db.prepare('SELECT rowid FROM places WHERE name LIKE ? LIMIT 50');
	const times = [];
	for (let round = 0; round < 3; round++) {
		for (const q of QUERIES) {
			const text = hasHan(q) ? q.replace(/\s+/g, '') : foldLatin(q);
			const started = performance.now();
			if ([...text].length >= 3) match.all(`"${text}"`);
			else like.all(`%${text}%`);
			times.push(performance.now() - started);
		}
	}
	db.close();
	return {
		fts5MB: Math.round((pages.page_count * pageSize.page_size) / 1e5) / 10,
		fts5P50Ms: percentile(times, 50),
		fts5P95Ms: percentile(times, 95)
	};
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await check().catch(() => false)) return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('the local server did not answer');
}

async function inWorker() {
	const env = {
		...process.env,
		REUNION_PORT: String(PORT),
		REUNION_STATE: STATE,
		REUNION_LOG_LEVEL: 'error'
	};
	if (process.env.BENCH_SKIP_BUILD === '1') Object.assign(env, { REUNION_SKIP_BUILD: '1' });
	rmSync(STATE, { recursive: true, force: true });
	const server = spawn('node', ['scripts/start.mjs'], {
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
	try {
		await waitFor(async () => (await fetch(`${ORIGIN}/api/health`)).ok, 300_000);
		const ask = async (q: string) => {
			const started = performance.now();
			const res = await fetch(`${ORIGIN}/api/places?q=${encodeURIComponent(q)}&limit=5`);
			await res.arrayBuffer();
			if (!res.ok) throw new Error(`/api/places: ${res.status}`);
			return performance.now() - started;
		};
		// The first query parses the gazetteer in a fresh isolate.
		const cold = await ask('浦东');
		// Interleaved with /api/health, the floor of a round trip through wrangler on this machine right now.
		const [times, floor] = [[] as number[], [] as number[]];
		for (let round = 0; round < 3; round++) {
			for (const q of QUERIES) {
				times.push(await ask(q));
				const started = performance.now();
				await (await fetch(`${ORIGIN}/api/health`)).arrayBuffer();
				floor.push(performance.now() - started);
			}
		}
		return {
			workerColdMs: Math.round(cold),
			workerP50Ms: percentile(times, 50),
			workerP95Ms: percentile(times, 95),
			healthP50Ms: percentile(floor, 50),
			healthP95Ms: percentile(floor, 95),
			workerQueries: times.length
		};
	} finally {
		if (server.pid) process.kill(-server.pid, 'SIGTERM');
	}
}

export async function runPlaces() {
	if (spawnSync('node', ['scripts/build-gazetteer.mjs'], { stdio: 'inherit' }).status !== 0) {
		throw new Error('building the gazetteer failed');
	}
	const started = performance.now();
	const entries = [
		...parseGazetteer(readFileSync('static/places/cn.txt', 'utf8')),
		...parseGazetteer(readFileSync('static/places/world.txt', 'utf8'))
	];
	const parseMs = Math.round(performance.now() - started);
	const figures = {
		// Timings on a shared machine mean little without its load.
		loadAverage: Math.round(loadavg()[0]! * 10) / 10,
		places: entries.length,
		nodeParseMs: parseMs,
		...sizes(),
		...inNode(entries),
		...inFts5(entries),
		...(process.env.BENCH_PLACES_NO_WORKER === '1' ? {} : await inWorker())
	};
	console.log(`places: ${JSON.stringify(figures)}`);
	return figures;
}
