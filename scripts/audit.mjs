// `npm run audit`: Lighthouse 12.2.3 (mobile, default simulated throttling) on every public page (home, a case
// page, statistics, regions, developers, the embed page and a poster), in Debian's Chromium and without network,
// plus the home page's first-load JavaScript; exits 1 when a budget (issues 9, 23) is missed. Timings are noisy on
// a loaded machine, so each page runs several times and the median counts. Prints one line per page, then one
// JSON line: { "pages": { "<page>": { "performance", "accessibility", "bestPractices" } } }.
// Options (environment): AUDIT_RUNS (3), AUDIT_PAGES (all: home,case,stats,regions,developers,embed,poster),
// AUDIT_PORT (a free one), AUDIT_SKIP_BUILD=1, CHROMIUM_PATH.
// Full reports: test-results/audit/<page>-<run>.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { HOME_JS_BUDGET_BYTES, countsAsFirstLoadJs, formatKb, gzipBytes } from './first-load-js.mjs';

const ALL_PAGES = [
	{ name: 'home', path: '/' },
	{ name: 'case', path: '/cases/demo-beijing' },
	{ name: 'stats', path: '/stats' },
	{ name: 'regions', path: '/regions' },
	{ name: 'developers', path: '/developers' },
	// The iframe page a partner embeds, near the Beijing demo case (functions/embed).
	{ name: 'embed', path: '/embed?lat=39.9042&lon=116.4074&lang=zh-CN' },
	{ name: 'poster', path: '/cases/demo-beijing/poster' }
];
// AUDIT_PAGES=case,stats narrows a run while working on one page; the home page's JS budget is then not checked.
const PAGES = process.env.AUDIT_PAGES
	? ALL_PAGES.filter((p) => process.env.AUDIT_PAGES.split(',').includes(p.name))
	: ALL_PAGES;
const CATEGORIES = [
	{ id: 'performance', label: 'Performance', budget: 95 },
	{ id: 'accessibility', label: 'Accessibility', budget: 100 },
	{ id: 'best-practices', label: 'Best Practices', budget: 100 }
];
// TOOLCHAIN.md's flags for Debian's Chromium: no first-run, no background or component traffic, no QUIC.
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const RUNS = Number(process.env.AUDIT_RUNS ?? 3);
const CORES = availableParallelism();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPORTS = 'test-results/audit';
const STATE = '.wrangler/audit-state';
const quiet = {
	...process.env,
	WRANGLER_SEND_METRICS: 'false',
	CLOUDFLARE_CF_FETCH_ENABLED: 'false',
	CI: 'true'
};

function newestMtime(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** A build older than any app source (or none at all) is rebuilt; the Worker's own code is bundled by wrangler. */
function buildIfNeeded() {
	const output = '.svelte-kit/cloudflare/_worker.js';
	if (process.env.AUDIT_SKIP_BUILD === '1') return;
	const sources = ['src', 'static/icons', 'vite.config.ts', 'svelte.config.js', 'package-lock.json'];
	if (existsSync(output) && statSync(output).mtimeMs > Math.max(...sources.map(newestMtime))) return;
	const result = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Kills a process group this script started (detached), so wrangler's workerd or Chromium's helpers go too. */
function stopGroup(child) {
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		// already gone
	}
}

/** `npm start` on a fresh local D1, without rebuilding; ready once the demo cases are seeded. */
async function startServer(port) {
	rmSync(STATE, { recursive: true, force: true });
	const server = spawn('node', ['scripts/start.mjs'], {
		detached: true,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...quiet,
			REUNION_PORT: String(port),
			REUNION_STATE: STATE,
			REUNION_SKIP_BUILD: '1',
			REUNION_LOG_LEVEL: 'error'
		}
	});
	const origin = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 240_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null)
			throw new Error(`the server exited (${server.exitCode}) before it was ready`);
		try {
			if ((await fetch(`${origin}/api/cases/demo-beijing`)).ok) return { server, origin };
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	stopGroup(server);
	throw new Error(`the server did not serve the demo case on ${origin} within 240 s`);
}

/** A fresh Chromium with its own profile for one Lighthouse run: no service worker or cache from a run before. */
async function launchChromium() {
	const profile = mkdtempSync(join(tmpdir(), 'reunion-audit-'));
	const chromium = spawn(
		CHROMIUM,
		[...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`],
		{
			detached: true,
			stdio: ['ignore', 'ignore', 'pipe']
		}
	);
	const port = await new Promise((resolve, reject) => {
		let seen = '';
		const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen}`)), 60_000);
		chromium.stderr.on('data', (chunk) => {
			seen += chunk;
			const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
			if (match) {
				clearTimeout(timer);
				resolve(Number(match[1]));
			}
		});
		chromium.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen}`)));
	});
	return {
		port,
		close: async () => {
			const exited = new Promise((resolve) => chromium.once('exit', resolve));
			stopGroup(chromium);
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

async function audit(url) {
	const chromium = await launchChromium();
	try {
		const result = await lighthouse(url, {
			port: chromium.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: CATEGORIES.map((c) => c.id)
		});
		if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
		return result.lhr;
	} finally {
		await chromium.close();
	}
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const score = (lhr, id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);

/** Audits that cost a category points, so a miss says what to fix. */
function losses(lhr, id) {
	return lhr.categories[id].auditRefs
		.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
		.map((ref) => `${ref.id} (${lhr.audits[ref.id].displayValue ?? lhr.audits[ref.id].score})`);
}

/** Every script the home page requested while loading (Lighthouse's network records), fetched again and gzipped. */
async function firstLoadJs(lhr, origin) {
	const scripts = lhr.audits['network-requests'].details.items.filter(
		(item) => item.resourceType === 'Script' && countsAsFirstLoadJs(item.url, origin)
	);
	const sized = await Promise.all(
		[...new Set(scripts.map((s) => s.url))].map(async (url) => {
			const response = await fetch(url);
			if (!response.ok) throw new Error(`${url} answered ${response.status}`);
			return { url, bytes: gzipBytes(new Uint8Array(await response.arrayBuffer())) };
		})
	);
	return { bytes: sized.reduce((sum, s) => sum + s.bytes, 0), files: sized.length };
}

buildIfNeeded();
mkdirSync(REPORTS, { recursive: true });
const port = Number(process.env.AUDIT_PORT ?? (await freePort()));
const { server, origin } = await startServer(port);
const failures = [];
const rows = [];
let homeJs;
try {
	for (const page of PAGES) {
		const runs = [];
		for (let run = 1; run <= RUNS; run++) {
			// The machine's load as the run starts: Lighthouse multiplies observed main-thread time by 4, so a busy
			// machine (other builds, tests) inflates Total Blocking Time; Lighthouse's own CPU benchmark says the same.
			const load = loadavg()[0];
			const lhr = await audit(origin + page.path);
			if (lhr.runtimeError)
				throw new Error(`${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
			writeFileSync(join(REPORTS, `${page.name}-${run}.json`), JSON.stringify(lhr));
			runs.push(lhr);
			console.log(
				`  ${page.path} run ${run}: ${CATEGORIES.map((c) => `${c.label} ${score(lhr, c.id)}`).join(', ')}` +
					` (TBT ${Math.round(lhr.audits['total-blocking-time'].numericValue)} ms,` +
					` CLS ${lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)};` +
					` load ${load.toFixed(1)} on ${CORES} cores${load > CORES ? ', loaded' : ''},` +
					` benchmark ${Math.round(lhr.environment.benchmarkIndex)})`
			);
		}
		if (page.name === 'home') homeJs = await firstLoadJs(runs[0], origin);
		const medians = CATEGORIES.map((c) => ({ ...c, median: median(runs.map((lhr) => score(lhr, c.id))) }));
		rows.push({ page, medians, runs });
		for (const c of medians) {
			if (c.median >= c.budget) continue;
			const worst = runs.reduce((a, b) => (score(a, c.id) <= score(b, c.id) ? a : b));
			failures.push(`${page.path} ${c.label} ${c.median} < ${c.budget}: ${losses(worst, c.id).join(', ')}`);
		}
	}
} finally {
	stopGroup(server);
}

const WIDTH = Math.max(...rows.map(({ page }) => page.path.length)) + 2;
console.log(
	`\nLighthouse 12.2.3, mobile, simulated throttling; median of ${RUNS} runs (${origin}); ` +
		`runs marked "loaded" above started with a 1-minute load average over the ${CORES} cores\n`
);
console.log(
	`  ${'page'.padEnd(WIDTH)}${CATEGORIES.map((c) => c.label.padEnd(16)).join('')}runs (Performance)`
);
for (const { page, medians, runs } of rows) {
	const perf = runs.map((lhr) => score(lhr, 'performance')).join(' ');
	console.log(
		`  ${page.path.padEnd(WIDTH)}${medians.map((c) => String(c.median).padEnd(16)).join('')}${perf}`
	);
}
if (homeJs) reportHomeJs(homeJs);
const pages = Object.fromEntries(
	rows.map(({ page, medians }) => [
		page.name,
		{
			performance: medians.find((c) => c.id === 'performance').median,
			accessibility: medians.find((c) => c.id === 'accessibility').median,
			bestPractices: medians.find((c) => c.id === 'best-practices').median
		}
	])
);
if (failures.length) console.log(`\n✗ budgets missed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
else
	console.log(
		'\n✓ every budget met (Performance ≥ 95, Accessibility 100, Best Practices 100, home JS ≤ 65 KB gzip)'
	);
// The closing line, for tools (issue 23).
console.log(JSON.stringify({ pages }));
process.exit(failures.length ? 1 : 0);

function reportHomeJs(homeJs) {
	if (homeJs.bytes > HOME_JS_BUDGET_BYTES)
		failures.push(`home first-load JavaScript ${formatKb(homeJs.bytes)} > ${formatKb(HOME_JS_BUDGET_BYTES)}`);
	console.log(
		`\n  home first-load JavaScript: ${formatKb(homeJs.bytes)} gzip in ${homeJs.files} files ` +
			`(budget ${formatKb(HOME_JS_BUDGET_BYTES)}; the scripts the page requested while Lighthouse loaded it, ` +
			`MapLibre excluded, each gzipped at level 9)`
	);
}
