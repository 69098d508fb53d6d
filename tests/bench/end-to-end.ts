// Benchmark c (issues 3, 12): 20,000 in-radius subscribers, from the approval request to the last message
// decrypted at the push peer, through the real local Worker (wrangler dev: D1, Queues, the sender), then where
// the time went (breakdown.ts). The Worker runs through instrumented-worker.ts, which times D1, queue sends and
// push POSTs around the shipped code; the peer verifies and decrypts a random sample on worker threads and counts
// the rest (issue 23: the machine's CPU goes to the system under test).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { encodeGeohash } from '../../src/lib/geo';
import { ensureDevVars } from '../../scripts/dev-vars.mjs';
import { printBreakdown, processGroupCpuMs } from './breakdown';
import { inWorkerd, vapidKeys } from './crypto';
import type { Timings } from './instrumented-worker';
import { shippedSendConfiguration } from './simulate-run';
import { ThreadedPeer } from './threaded-peer';

const PORT = Number(process.env.BENCH_PORT ?? 8797);
const PEER_THREADS = Number(process.env.BENCH_PEER_THREADS ?? 2);
/** The share of messages the peer verifies (decrypt + VAPID); the rest it counts (threaded-peer.ts). */
const PEER_SAMPLE = Number(process.env.BENCH_PEER_SAMPLE ?? 0.02);
/**
 * SEND queues the local Worker spreads over: the shipped configuration's (every SEND_n wrangler.toml binds) unless
 * BENCH_SEND_QUEUES says otherwise. Miniflare runs one batch per queue at once, so with one queue the run measures
 * the push round trip of one invocation after another rather than the Worker (issue 23 point 4).
 */
const SEND_QUEUES = Number(
	process.env.BENCH_SEND_QUEUES ?? shippedSendConfiguration(readFileSync('wrangler.toml', 'utf8')).sendQueues
);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const STATE = 'tests/bench/.data/e2e-state';
const DEVICES = Number(process.env.BENCH_E2E_DEVICES ?? 20_000);
/** After the real run, the floor run (BENCH_FLOOR=0 skips it). */
const FLOOR = process.env.BENCH_FLOOR !== '0';
const CENTRE = { lat: 30.2741, lon: 120.1551 }; // Hangzhou: no demo case within 100 km
const quiet = {
	...process.env,
	WRANGLER_SEND_METRICS: 'false',
	CI: 'true',
	REUNION_PORT: String(PORT),
	REUNION_STATE: STATE,
	REUNION_LOG_LEVEL: 'error'
};

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function waitFor(
	check: () => Promise<boolean> | boolean,
	timeoutMs: number,
	what: string
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Devices scattered within 90 km, one region each, written straight into the local D1 (the API rate-limits). */
function seedSql(peer: ThreadedPeer): string {
	const lines: string[] = [];
	for (let i = 0; i < DEVICES; i++) {
		const device = peer.register(`bench-${i}`);
		const km = Math.sqrt(((i * 7919) % 1000) / 1000) * 90;
		const bearing = (((i * 104729) % 3600) / 3600) * 2 * Math.PI;
		const lat = CENTRE.lat + (km / 111.2) * Math.cos(bearing);
		const lon = CENTRE.lon + (km / (111.2 * Math.cos((CENTRE.lat * Math.PI) / 180))) * Math.sin(bearing);
		const geohash = encodeGeohash(lat, lon, 5);
		lines.push(
			`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, created_at, updated_at) VALUES ('${geohash}', 'bench-${i}', '${device.endpoint}', '${device.keys.p256dh}', '${device.keys.auth}', 'zh-CN', '${geohash}', '', '');`
		);
	}
	return lines.join('\n');
}

async function api(path: string, method: string, body: unknown, cookie = ''): Promise<Response> {
	return fetch(`${ORIGIN}${path}`, {
		method,
		headers: { Origin: ORIGIN, 'Content-Type': 'application/json', Cookie: cookie },
		body: JSON.stringify(body)
	});
}

async function signIn(username: string): Promise<string> {
	const response = await api('/api/auth/login', 'POST', { username, password: 'reunion-demo' });
	if (!response.ok) throw new Error(`sign-in ${username}: ${response.status}`);
	return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

interface AlertRun {
	peer: ThreadedPeer;
	server: ChildProcess;
	officer: string;
	approver: string;
	/** The floor run: encryption stubbed in the Worker, the peer answering without verifying. */
	floor: boolean;
	encryption: { ours: number };
}

/** Publishes a case over all devices and waits until the peer has a message for each; prints the figures. */
async function alertEveryone(run: AlertRun): Promise<Record<string, number>> {
	const { peer, server, officer, approver } = run;
	peer.received.length = 0;
	peer.rejected.length = 0;
	peer.threadMs = 0;
	peer.sampled = 0;
	peer.stub = run.floor;
	const draft = {
		childName: run.floor ? '压测儿童乙' : '压测儿童',
		age: 9,
		sex: 'female',
		contactPhone: '110',
		lastSeenAt: new Date(Date.now() - 600_000).toISOString(),
		placeName: '杭州市西湖区',
		...CENTRE,
		radiusKm: 100
	};
	const { id } = (await (await api('/api/police/cases', 'POST', draft, officer)).json()) as { id: string };
	const { version } = (await (await api(`/api/police/cases/${id}/submit`, 'POST', {}, officer)).json()) as {
		version: number;
	};
	await fetch(`${ORIGIN}/__bench/reset${run.floor ? '?floor=1' : ''}`);
	const cpuBefore = { server: processGroupCpuMs(server.pid!), peer: process.cpuUsage() };
	const start = Date.now();
	const approved = await api(
		`/api/police/cases/${id}/approve`,
		'POST',
		{ confirm: draft.childName, version },
		approver
	);
	if (approved.status !== 202) throw new Error(`approve: ${approved.status}`);
	await waitFor(() => peer.received.length >= DEVICES, 15 * 60_000, `${DEVICES} messages at the peer`);
	const cpuAfter = { server: processGroupCpuMs(server.pid!), peer: process.cpuUsage(cpuBefore.peer) };
	const timings = (await (await fetch(`${ORIGIN}/__bench/timings`)).json()) as Timings;
	const latencies = peer.received.map((r) => r.at - start).sort((a, b) => a - b);
	const seconds = latencies.at(-1)! / 1000;
	const duplicates = peer.received.length - new Set(peer.received.map((r) => r.id)).size;
	const load = loadavg()[0]!.toFixed(1);
	const label = run.floor ? 'c. local floor (encryption and peer stubbed)' : 'c. end to end, local';
	const prefix = run.floor ? 'floor' : 'e2e';
	const figures = {
		[`${prefix}Devices`]: DEVICES,
		[`${prefix}MessagesPerSecond`]: Math.round(DEVICES / seconds),
		[`${prefix}P50Ms`]: percentile(latencies, 50),
		[`${prefix}P99Ms`]: percentile(latencies, 99),
		[`${prefix}TotalSeconds`]: Math.round(seconds * 10) / 10,
		[`${prefix}Duplicates`]: duplicates,
		[`${prefix}Rejected`]: peer.rejected.length,
		[`${prefix}LoadAverage`]: Number(load)
	};
	const serverCpuMs = cpuAfter.server - cpuBefore.server;
	figures[`${prefix}WorkerCpuMsPerMessage`] = Math.round((serverCpuMs / DEVICES) * 1000) / 1000;
	if (!run.floor) figures.e2ePeerVerified = peer.sampled;
	console.log(
		`${label}: ${DEVICES} devices in ${figures[`${prefix}TotalSeconds`]} s → ${figures[`${prefix}MessagesPerSecond`]} msg/s, p50 ${figures[`${prefix}P50Ms`]} ms, p99 ${figures[`${prefix}P99Ms`]} ms, ${duplicates} duplicates, ${peer.rejected.length} rejected, ${SEND_QUEUES} SEND queue(s), load average ${load}`
	);
	if (run.floor) {
		const posts = [...timings.pushMs].sort((a, b) => a - b);
		console.log(
			`   floor        wrangler + workerd CPU ${(serverCpuMs / DEVICES).toFixed(3)} ms per message, push POST p50 ${percentile(posts, 50)} ms, p99 ${percentile(posts, 99)} ms, ${timings.invocations.filter((i) => i.stage === 'send').length} send invocations`
		);
		return { ...figures, floorServerCpuMs: Math.round(serverCpuMs) };
	}
	console.log(
		`   peer         verified ${peer.sampled} of ${DEVICES} messages (VAPID + decryption, a ${PEER_SAMPLE * 100} % random sample), ${peer.rejected.length} rejected`
	);
	const breakdown = printBreakdown({
		devices: DEVICES,
		sendQueues: SEND_QUEUES,
		approvedAt: start,
		wallMs: latencies.at(-1)!,
		timings,
		encryptionPerSecond: run.encryption.ours,
		peerThreadMs: peer.threadMs,
		peerVerified: peer.sampled,
		peerThreads: PEER_THREADS,
		serverCpuMs,
		peerCpuMs: (cpuAfter.peer.user + cpuAfter.peer.system) / 1000
	});
	return { ...figures, ...breakdown };
}

export async function runEndToEnd(): Promise<Record<string, number>> {
	rmSync(STATE, { recursive: true, force: true });
	mkdirSync(STATE, { recursive: true });
	// Seed before the server starts: writing a large file into the D1 a running `wrangler dev` holds open is racy.
	const wrangler = (args: string[]) =>
		spawnSync('node_modules/.bin/wrangler', [...args, '--local', '--persist-to', STATE], {
			env: quiet,
			stdio: ['ignore', 'ignore', 'inherit']
		});
	if (wrangler(['d1', 'migrations', 'apply', 'DB']).status !== 0)
		throw new Error('migrating the local D1 failed');
	const { VAPID_PUBLIC_KEY } = await ensureDevVars();
	if (!VAPID_PUBLIC_KEY) throw new Error('.dev.vars has no VAPID_PUBLIC_KEY');
	const peer = new ThreadedPeer(VAPID_PUBLIC_KEY, PEER_THREADS, PEER_SAMPLE);
	await peer.listen();
	const sqlFile = `${STATE}/seed.sql`;
	writeFileSync(sqlFile, seedSql(peer));
	if (wrangler(['d1', 'execute', 'DB', '--file', sqlFile]).status !== 0)
		throw new Error('seeding the local D1 failed');
	// Measured alone, before the server starts: what encryption costs per message on this machine right now.
	const encryption = await inWorkerd(await vapidKeys(), 2, 1);
	if (
		process.env.BENCH_SKIP_BUILD !== '1' &&
		spawnSync('npm', ['run', '--silent', 'build'], { env: quiet, stdio: ['ignore', 'ignore', 'inherit'] })
			.status !== 0
	)
		throw new Error('building the app failed');
	await peer.start();
	// As scripts/start.mjs serves it, with the instrumented entry in place of functions/worker.ts.
	const server = spawn(
		'node_modules/.bin/wrangler',
		[
			'dev',
			'tests/bench/instrumented-worker.ts',
			'--ip',
			'127.0.0.1',
			'--port',
			String(PORT),
			'--persist-to',
			STATE,
			'--var',
			'REUNION_LOCAL:1',
			'--var',
			`SEND_QUEUES:${SEND_QUEUES}`,
			'--show-interactive-dev-session=false',
			// BENCH_INSPECTOR_PORT lets a DevTools client take a CPU profile of the Worker during the run.
			...(process.env.BENCH_INSPECTOR_PORT ? ['--inspector-port', process.env.BENCH_INSPECTOR_PORT] : []),
			'--log-level',
			'error'
		],
		{ env: quiet, stdio: ['ignore', 'ignore', 'inherit'], detached: true }
	);
	try {
		await waitFor(
			async () => (await fetch(`${ORIGIN}/api/health`).catch(() => null))?.ok === true,
			240_000,
			'the local server'
		);
		// Demo users, as scripts/start.mjs seeds them once the server answers.
		const seeded = await fetch(`${ORIGIN}/__local/seed`, { method: 'POST' });
		if (!seeded.ok) throw new Error(`seeding demo data: ${seeded.status}`);
		// Hangzhou lies outside the Shanghai demo users' unit: the ministry's duty officers draft and approve there.
		const officer = await signIn('demo-national-officer');
		const approver = await signIn('demo-national-approver');
		const real = await alertEveryone({ peer, server, officer, approver, floor: false, encryption });
		if (!FLOOR) return real;
		// The floor: the same server, devices and pipeline for a second case, with the sends' encryption stubbed
		// and a peer that answers at once: what this machine's local platform and our non-crypto code allow.
		const floor = await alertEveryone({ peer, server, officer, approver, floor: true, encryption });
		const ratio = real.e2eMessagesPerSecond! / floor.floorMessagesPerSecond!;
		const cpuRatio = real.e2eWorkerCpuMsPerMessage! / floor.floorWorkerCpuMsPerMessage!;
		console.log(
			`c. ours end to end = ${ratio.toFixed(2)} of the local floor (${real.e2eMessagesPerSecond} against ${floor.floorMessagesPerSecond} msg/s); Worker CPU per message ${real.e2eWorkerCpuMsPerMessage} ms against the floor's ${floor.floorWorkerCpuMsPerMessage} ms (× ${cpuRatio.toFixed(2)}); p50 ${real.e2eP50Ms} / ${floor.floorP50Ms} ms, p99 ${real.e2eP99Ms} / ${floor.floorP99Ms} ms`
		);
		return {
			...real,
			...floor,
			e2eOfFloor: Math.round(ratio * 100) / 100,
			e2eWorkerCpuOfFloor: Math.round(cpuRatio * 100) / 100
		};
	} finally {
		if (server.pid) process.kill(-server.pid, 'SIGTERM');
		await peer.close();
	}
}
