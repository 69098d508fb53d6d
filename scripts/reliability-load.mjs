// `npm run reliability:load` (issue 18, point 4): a bounded load run against a local Worker on 127.0.0.1, never
// part of `npm test`. Needs `npm run build` once. Starts its own Worker (scripts/start.mjs, local mode) on a fresh
// state directory, then:
//   1. GET /api/alerts, a case page and /feeds/alerts.atom, LOAD_SECONDS (60) each with autocannon: zero errors;
//   2. a burst of LOAD_BURST (10,000) POST /api/subscriptions from LOAD_BURST / 20 client addresses, 20 each (the
//      per-address limit): each stored exactly once, and the 21st from one address answered 429;
//   3. LOAD_SOCKETS (2,000) live sockets, one per client address, in the cell of a case that is then published,
//      plus LOAD_CONTROL_SOCKETS (100) in a cell far away: every socket in the cell gets the alert once, none
//      outside it.
// Prints one JSON line with the figures (docs/reliability.md) and exits 1 when a check fails.
// The Worker takes the client address from CF-Connecting-IP (functions/api/http/client.ts). Cloudflare's edge
// overwrites that header on every request, so only locally can a client choose it: that is how this run spreads
// its requests over many addresses without any code path trusting a header in production.
// Options (environment): REUNION_PORT (8820), LOAD_SECONDS, LOAD_CONNECTIONS (10), LOAD_BURST, LOAD_SOCKETS,
// LOAD_CONTROL_SOCKETS, LOAD_KEEP_STATE=1 (keep the state directory afterwards).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import autocannon from 'autocannon';

const port = Number(process.env.REUNION_PORT ?? 8820);
const origin = `http://127.0.0.1:${port}`;
const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 10);
const burst = Number(process.env.LOAD_BURST ?? 10_000);
const socketCount = Number(process.env.LOAD_SOCKETS ?? 2_000);
const controlCount = Number(process.env.LOAD_CONTROL_SOCKETS ?? 100);
const PER_ADDRESS = 20; // SUBSCRIBE_RATE_LIMIT's default (README, Configuration)
const state = mkdtempSync(join('.wrangler', 'reliability-'));
const quiet = {
	...process.env,
	WRANGLER_SEND_METRICS: 'false',
	CLOUDFLARE_CF_FETCH_ENABLED: 'false',
	CI: 'true'
};

// Wuhan: far from the demo cases and from the burst's subscribers (Beijing), so its fan-out selects nobody.
const CASE = { lat: 30.5928, lon: 114.3055, cell: 'wt3' };
const FAR_CELL = 'wx4';
const BURST_REGION = 'wx4g0';
const KEYS = {
	p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
	auth: 'tBHItJI5svbpez7KI4CCXg'
};

/** Addresses from 198.18.0.0/15 (RFC 2544, benchmarking): `block` picks the /16, so the parts never share one. */
const address = (block, i) => `198.${18 + block}.${Math.floor(i / 250)}.${(i % 250) + 1}`;

const server = spawn('node', ['scripts/start.mjs'], {
	env: { ...quiet, REUNION_PORT: String(port), REUNION_STATE: state, REUNION_SKIP_BUILD: '1' },
	stdio: ['ignore', 'pipe', 'inherit'],
	detached: true // its own process group: wrangler and workerd stop with it
});
let started = false;
const ready = new Promise((resolve, reject) => {
	server.stdout.on('data', (chunk) => {
		if (!started && String(chunk).includes('is running')) {
			started = true;
			resolve();
		}
	});
	server.on('exit', (code) => reject(new Error(`the Worker exited (${code}) before it was ready`)));
});

function stop() {
	try {
		process.kill(-server.pid, 'SIGTERM');
	} catch {
		// already gone
	}
	if (process.env.LOAD_KEEP_STATE !== '1') rmSync(state, { recursive: true, force: true });
}

async function hold(name, path) {
	const result = await autocannon({ url: `${origin}${path}`, connections, duration: seconds });
	return {
		name,
		path,
		seconds,
		connections,
		requests: result.requests.total,
		requestsPerSecond: Math.round(result.requests.average),
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		maxMs: result.latency.max,
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx
	};
}

const ENDPOINT = 'https://fcm.googleapis.com/fcm/send/reliability-';

function subscribe(name, from) {
	return fetch(`${origin}/api/subscriptions`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': from },
		body: JSON.stringify({
			subscription: { endpoint: `${ENDPOINT}${name}`, keys: KEYS },
			regions: [BURST_REGION]
		})
	});
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool(tasks, limit) {
	const results = new Array(tasks.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < tasks.length) {
				const i = next++;
				results[i] = await tasks[i]();
			}
		})
	);
	return results;
}

/**
 * Reads the local D1 file directly (read-only; SQLite lets a reader in beside workerd). `wrangler d1 execute`
 * would start a second runtime on the same state directory, and live sockets opened just after it failed.
 */
function d1(sql) {
	const dir = join(state, 'v3', 'd1', 'miniflare-D1DatabaseObject');
	const files = readdirSync(dir).filter((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
	if (files.length !== 1)
		throw new Error(`expected one local D1 database in ${dir}, found ${files.join(', ')}`);
	const db = new DatabaseSync(join(dir, files[0]), { readOnly: true });
	try {
		return db.prepare(sql).all();
	} finally {
		db.close();
	}
}

async function burstOfSubscriptions() {
	const addresses = Math.ceil(burst / PER_ADDRESS);
	// Interleaved, so every address is busy throughout rather than one after another.
	const order = Array.from({ length: burst }, (_, i) => i);
	const started = performance.now();
	const statuses = await pool(
		order.map((i) => () => subscribe(`burst-${i}`, address(0, i % addresses)).then((r) => r.status)),
		64
	);
	const elapsed = (performance.now() - started) / 1000;
	// The limit counts in fixed 10-minute windows (functions/db/rate-limits.ts), which a burst this long may cross;
	// so one fresh address spends its 20 and tries a 21st inside one window, away from its edge.
	const window = 600_000;
	if (window - (Date.now() % window) < 30_000)
		await new Promise((r) => setTimeout(r, window - (Date.now() % window)));
	const spender = address(2, 0);
	const allowed = [];
	for (let i = 0; i < PER_ADDRESS; i++) allowed.push((await subscribe(`limit-${i}`, spender)).status);
	const over = await subscribe('limit-over', spender);
	const counts = d1(
		`SELECT count(*) AS rows, count(DISTINCT subscription_id) AS devices, count(DISTINCT endpoint) AS endpoints
		 FROM subscription_regions WHERE instr(endpoint, '/reliability-burst-') > 0`
	)[0];
	const byStatus = {};
	for (const status of statuses) byStatus[status] = (byStatus[status] ?? 0) + 1;
	return {
		requests: burst,
		addresses,
		perAddress: PER_ADDRESS,
		seconds: Math.round(elapsed * 10) / 10,
		requestsPerSecond: Math.round(burst / elapsed),
		statuses: byStatus,
		storedRows: counts.rows,
		storedDevices: counts.devices,
		storedEndpoints: counts.endpoints,
		withinLimitStatuses: [...new Set(allowed)],
		overLimitStatus: over.status,
		overLimitStored: d1(
			`SELECT count(*) AS n FROM subscription_regions WHERE endpoint = '${ENDPOINT}limit-over'`
		)[0].n
	};
}

function openSocket(cell, from) {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live?cells=${cell}`, {
			headers: { 'CF-Connecting-IP': from }
		});
		const socket = { ws, messages: [] };
		ws.addEventListener('message', (event) => {
			const message = JSON.parse(String(event.data));
			if (message.type === 'case') socket.messages.push(message);
		});
		ws.addEventListener('open', () => resolve(socket), { once: true });
		ws.addEventListener(
			'error',
			(event) => reject(new Error(`socket from ${from} failed to open: ${event.message ?? 'error'}`)),
			{ once: true }
		);
	});
}

let openRetries = 0;
const openErrors = new Set();
/** A page whose socket fails to open tries again (src/lib/live does the same); retries are counted and reported. */
async function openWithRetry(cell, from) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await openSocket(cell, from);
		} catch (error) {
			if (attempt === 3) throw error;
			openRetries += 1;
			openErrors.add(String(error.message).replace(/^socket from \S+ /, ''));
			await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
		}
	}
}

async function police(path, cookie, body) {
	const response = await fetch(`${origin}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
	return response;
}

async function login(username) {
	const response = await police('/api/auth/login', null, {
		username,
		password: process.env.DEMO_PASSWORD || 'reunion-demo'
	});
	return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

async function socketsWhilePublishing() {
	const opening = performance.now();
	const inCell = await pool(
		Array.from({ length: socketCount }, (_, i) => () => openWithRetry(CASE.cell, address(1, i))),
		100
	);
	const outside = await pool(
		Array.from(
			{ length: controlCount },
			(_, i) => () => openWithRetry(FAR_CELL, address(1, socketCount + i))
		),
		100
	);
	const openSeconds = (performance.now() - opening) / 1000;

	// A Wuhan case, drafted and approved by Wuhan's own demo users (API.md "Police units").
	const officer = await login('demo-wuhan-officer');
	const approver = await login('demo-wuhan-approver');
	const childName = '负载测试';
	const created = await police('/api/police/cases', officer, {
		childName,
		age: 6,
		sex: 'female',
		contactPhone: '110',
		lastSeenAt: new Date(Date.now() - 3600_000).toISOString(),
		placeName: '武汉市江汉路',
		lat: CASE.lat,
		lon: CASE.lon,
		radiusKm: 100
	});
	const { id } = await created.json();
	const { version } = await (await police(`/api/police/cases/${id}/submit`, officer, {})).json();
	const publishedAt = performance.now();
	await police(`/api/police/cases/${id}/approve`, approver, { confirm: childName, version });

	const heard = (socket) => socket.messages.filter((m) => m.case.id === id && m.kind === 'alert').length;
	const deadline = Date.now() + 60_000;
	let lastArrival = 0;
	while (Date.now() < deadline) {
		const reached = inCell.filter((socket) => heard(socket) > 0).length;
		if (reached === inCell.length) {
			lastArrival = (performance.now() - publishedAt) / 1000;
			break;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	await new Promise((resolve) => setTimeout(resolve, 3000)); // room for a duplicate to show
	const counts = inCell.map(heard);
	const open = inCell.filter((socket) => socket.ws.readyState === WebSocket.OPEN).length;
	for (const socket of [...inCell, ...outside]) socket.ws.close();
	return {
		sockets: socketCount,
		addresses: socketCount + controlCount,
		openSeconds: Math.round(openSeconds * 10) / 10,
		openRetries,
		openErrors: [...openErrors],
		stillOpen: open,
		receivedOnce: counts.filter((n) => n === 1).length,
		missed: counts.filter((n) => n === 0).length,
		duplicates: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
		allWithinSeconds: lastArrival ? Math.round(lastArrival * 100) / 100 : null,
		controlSockets: controlCount,
		controlReceived: outside.filter((socket) => heard(socket) > 0).length
	};
}

/** What each part's figures must show; every message is a failed check. */
function failuresOf({ load = [], subscriptions, sockets }) {
	const failures = load
		.filter((l) => l.errors > 0 || l.non2xx > 0)
		.map((l) => `${l.name}: errors or non-2xx`);
	if (subscriptions) {
		if (subscriptions.statuses[201] !== burst) failures.push('burst: not every subscription answered 201');
		if (subscriptions.storedDevices !== burst || subscriptions.storedRows !== burst)
			failures.push('burst: not each subscription stored exactly once');
		if (
			subscriptions.overLimitStatus !== 429 ||
			subscriptions.overLimitStored !== 0 ||
			subscriptions.withinLimitStatuses.join() !== '201'
		)
			failures.push('burst: the address over its limit was not refused, or one within it was');
	}
	if (sockets) {
		if (sockets.receivedOnce !== sockets.sockets)
			failures.push('sockets: not every socket got the alert exactly once');
		if (sockets.controlReceived !== 0) failures.push('sockets: a socket outside the cell got the alert');
	}
	return failures;
}

// LOAD_PARTS=burst,sockets reruns some parts only (default: get,burst,sockets).
const parts = new Set((process.env.LOAD_PARTS ?? 'get,burst,sockets').split(','));
let exitCode = 1;
try {
	await ready;
	const figures = {};
	if (parts.has('get'))
		figures.load = [
			await hold('alerts', `/api/alerts?geohash=${BURST_REGION}`),
			await hold('case page', '/cases/demo-beijing'),
			await hold('atom', '/feeds/alerts.atom')
		];
	if (parts.has('burst')) figures.subscriptions = await burstOfSubscriptions();
	if (parts.has('sockets')) figures.sockets = await socketsWhilePublishing();
	const failures = failuresOf(figures);
	console.log(
		JSON.stringify({ at: new Date().toISOString(), ok: failures.length === 0, failures, ...figures })
	);
	exitCode = failures.length === 0 ? 0 : 1;
} catch (error) {
	console.error(error);
} finally {
	stop();
}
process.exit(exitCode);
