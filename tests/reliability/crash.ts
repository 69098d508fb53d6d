// Issue 18, point 2, against the real local Worker (wrangler + workerd) and the test push peer:
//   crash   — thousands of in-radius devices, a slow push service; the Worker is SIGKILLed mid fan-out and started
//             again on the same state; the Cron runs every minute as in production → lost, duplicates.
//   outage  — the push service answers 500 for 60 s, then recovers → every device after back-off.
//   hang    — some devices' push service never answers → their requests time out, every other device is served.
// Run through scripts/reliability.mjs (`npm run reliability:crash`). Options (environment): CRASH_DEVICES (3000),
// CRASH_PORT (8800), CRASH_SLOW_MS (120), CRASH_LEASE_SECONDS (120), CRASH_SCENARIOS (crash,outage,hang).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { encodeGeohash } from '../../src/lib/geo';
import { ensureDevVars } from '../../scripts/dev-vars.mjs';
import { startPushPeer, type PushPeer } from '../support/push-peer';
import { startWorker, waitForPortFree, wrangler, type LocalWorker } from './local-worker';

const DEVICES = Number(process.env.CRASH_DEVICES ?? 3000);
const PORT = Number(process.env.CRASH_PORT ?? 8800);
const SLOW_MS = Number(process.env.CRASH_SLOW_MS ?? 120);
const LEASE_SECONDS = Number(process.env.CRASH_LEASE_SECONDS ?? 120);
const SCENARIOS = (process.env.CRASH_SCENARIOS ?? 'crash,outage,hang').split(',');
const DIR = 'tests/reliability/.data';
const STATE = `${DIR}/state`;
const CENTRE = { lat: 30.2741, lon: 120.1551 }; // Hangzhou
const RADIUS_KM = 40;
const OUTSIDE = 200;
const MINUTE = 60_000;

interface Device {
	id: string;
	inside: boolean;
	/** Subscribed at another push service (origin http://localhost:…), the one that stops answering in `hang`. */
	silent?: boolean;
}
const SILENT = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

/** A point `km` from the centre in a random direction. */
function near(km: number): { lat: number; lon: number } {
	const angle = Math.random() * 2 * Math.PI;
	const dLat = (km * Math.cos(angle)) / 111.2;
	const dLon = (km * Math.sin(angle)) / (111.2 * Math.cos((CENTRE.lat * Math.PI) / 180));
	return { lat: CENTRE.lat + dLat, lon: CENTRE.lon + dLon };
}

/** Registers the devices with the peer and writes them straight into the local D1 (one SQL file). */
function seedDevices(peer: PushPeer): Device[] {
	const devices: Device[] = [
		...Array.from({ length: DEVICES }, (_, i) => ({ id: `in-${i}`, inside: true })),
		...Array.from({ length: OUTSIDE }, (_, i) => ({ id: `out-${i}`, inside: false })),
		...Array.from({ length: SILENT }, (_, i) => ({ id: `silent-${i}`, inside: true, silent: true }))
	];
	const rows = devices.map((device) => {
		const s = peer.register(device.id);
		// Inside: up to 25 km out (cells are ≈ 5 km, so well within 40 km); outside: 150–200 km away.
		const point = near(device.inside ? Math.random() * 25 : 150 + Math.random() * 50);
		const cell = encodeGeohash(point.lat, point.lon, 5);
		const endpoint = device.silent ? s.endpoint.replace('127.0.0.1', 'localhost') : s.endpoint;
		return `('${cell}', '${s.id}', '${endpoint}', '${s.keys.p256dh}', '${s.keys.auth}', 'zh-CN', '${cell}', NULL, '', '')`;
	});
	const statements: string[] = [];
	for (let i = 0; i < rows.length; i += 100)
		statements.push(
			`INSERT INTO subscription_regions (geohash, subscription_id, endpoint, p256dh, auth, lang, regions, officer_user_id, created_at, updated_at) VALUES\n${rows.slice(i, i + 100).join(',\n')};`
		);
	writeFileSync(`${DIR}/devices.sql`, statements.join('\n'));
	wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE]);
	wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', STATE, '--file', `${DIR}/devices.sql`]);
	return devices;
}

/** The console's calls: sign in, create, submit, approve with a second officer. Returns the case id. */
async function publishCase(origin: string, name: string): Promise<string> {
	const call = async (cookie: string, method: string, path: string, body?: unknown) => {
		const response = await fetch(`${origin}${path}`, {
			method,
			headers: { Origin: origin, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
		return response;
	};
	const login = async (username: string) =>
		(await call('', 'POST', '/api/auth/login', { username, password: 'reunion-demo' })).headers
			.get('Set-Cookie')!
			.split(';')[0]!;
	// Hangzhou lies outside the Shanghai demo users' unit (API.md "Police units"): the ministry's duty officers.
	const [officer, approver] = [await login('demo-national-officer'), await login('demo-national-approver')];
	const draft = {
		childName: name,
		age: 7,
		sex: 'male',
		contactPhone: '110',
		lastSeenAt: new Date(Date.now() - 3600_000).toISOString(),
		placeName: '杭州市西湖区',
		...CENTRE,
		radiusKm: RADIUS_KM
	};
	const { id } = (await (await call(officer, 'POST', '/api/police/cases', draft)).json()) as { id: string };
	const { version } = (await (await call(officer, 'POST', `/api/police/cases/${id}/submit`, {})).json()) as {
		version: number;
	};
	await call(approver, 'POST', `/api/police/cases/${id}/approve`, { confirm: name, version });
	return id;
}

/** Per device, how many pushes of this case's alert the peer accepted. */
function countsFor(peer: PushPeer, caseId: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const r of peer.received) {
		const payload = r.payload as { caseId?: string; kind?: string };
		if (payload.caseId === caseId && payload.kind === 'alert') counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
	}
	return counts;
}

// The silent service's devices are not counted: the peer refuses their VAPID audience (another origin).
function figures(devices: Device[], counts: Map<string, number>) {
	const only = (d: Device) => d.inside && !d.silent;
	const wanted = devices.filter(only);
	return {
		devices: wanted.length,
		lost: wanted.filter((d) => !counts.has(d.id)).length,
		duplicates: [...counts.values()].reduce((sum, n) => sum + n - 1, 0),
		outsideReached: devices.filter((d) => !d.inside && counts.has(d.id)).length
	};
}

/** The Cron trigger once a minute, as Cloudflare runs it, until `done()` or the deadline. */
async function cronUntil(origin: string, done: () => boolean, deadline: number): Promise<number> {
	let runs = 0;
	let next = Date.now() + MINUTE;
	while (!done() && Date.now() < deadline) {
		if (Date.now() >= next) {
			await fetch(`${origin}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`).catch(() => undefined);
			runs += 1;
			next += MINUTE;
		}
		await sleep(500);
	}
	return runs;
}

async function crashScenario(peer: PushPeer, devices: Device[], start: () => Promise<LocalWorker>) {
	let worker = await start();
	peer.setConditions({ delayMs: SLOW_MS });
	const published = Date.now();
	const caseId = await publishCase(worker.origin, '断电测试');
	const inside = devices.filter((d) => d.inside && !d.silent).length;
	// Mid fan-out: a third of the devices served, the rest recorded in send batches or on the queues.
	while (countsFor(peer, caseId).size < inside / 3) await sleep(100);
	worker.kill();
	const deliveredBeforeKill = countsFor(peer, caseId).size;
	const killedAfter = seconds(published);
	await waitForPortFree(worker.origin);
	const restarted = Date.now();
	worker = await start();
	const complete = () => figures(devices, countsFor(peer, caseId)).lost === 0;
	const cronRuns = await cronUntil(worker.origin, complete, Date.now() + LEASE_SECONDS * 1000 + 10 * MINUTE);
	await sleep(5_000); // late duplicates, if any, are counted too
	peer.setConditions(undefined);
	return {
		worker,
		result: {
			...figures(devices, countsFor(peer, caseId)),
			deliveredBeforeKill,
			killedAfterSeconds: killedAfter,
			secondsAfterRestart: seconds(restarted),
			seconds: seconds(published),
			cronRuns,
			slowPeerMs: SLOW_MS,
			sendLeaseSeconds: LEASE_SECONDS
		}
	};
}

async function outageScenario(peer: PushPeer, devices: Device[], worker: LocalWorker) {
	const before = peer.stats().byStatus['500'] ?? 0;
	peer.setConditions({ status: 500, forMs: MINUTE });
	const published = Date.now();
	const caseId = await publishCase(worker.origin, '故障测试');
	const complete = () => figures(devices, countsFor(peer, caseId)).lost === 0;
	const cronRuns = await cronUntil(worker.origin, complete, Date.now() + 15 * MINUTE);
	await sleep(5_000);
	return {
		...figures(devices, countsFor(peer, caseId)),
		outageSeconds: 60,
		answered500: (peer.stats().byStatus['500'] ?? 0) - before,
		seconds: seconds(published),
		cronRuns
	};
}

async function hangScenario(peer: PushPeer, devices: Device[], worker: LocalWorker) {
	// The devices of one push service (its own origin) that accepts connections and never answers.
	const hanging = new Set(devices.filter((d) => d.silent).map((d) => d.id));
	for (const id of hanging) peer.failFirst(id, 1000, { delayMs: 3_600_000 });
	const attemptsBefore = peer.attempts;
	const published = Date.now();
	const caseId = await publishCase(worker.origin, '无应答测试');
	const complete = () => figures(devices, countsFor(peer, caseId)).lost === 0;
	const cronRuns = await cronUntil(worker.origin, complete, Date.now() + 15 * MINUTE);
	const served = countsFor(peer, caseId);
	const result = {
		...figures(devices, served),
		hanging: hanging.size,
		hangingDelivered: [...hanging].filter((id) => served.has(id)).length,
		// Requests that reached the silent service before the sender stopped trying it (per invocation).
		hangingAttempts: peer.attempts - attemptsBefore - [...served.values()].reduce((a, b) => a + b, 0),
		secondsForTheRest: seconds(published),
		cronRuns
	};
	for (const id of hanging) peer.faults.delete(id);
	return result;
}

/** Runs the chosen scenarios on a fresh local state; returns the figures of each. */
export async function runCrashScenarios(): Promise<Record<string, unknown>> {
	if (!existsSync('.svelte-kit/cloudflare/_worker.js'))
		throw new Error(
			'no build: run `npm run build` once first (the crash run starts `npm start` without one)'
		);
	rmSync(STATE, { recursive: true, force: true });
	mkdirSync(DIR, { recursive: true });
	const vars = await ensureDevVars();
	const peer = await startPushPeer({ vapidPublicKey: vars.VAPID_PUBLIC_KEY });
	const devices = seedDevices(peer);
	const start = () =>
		startWorker({
			port: PORT,
			state: STATE,
			log: `${DIR}/worker.log`,
			vars: { REUNION_SEND_LEASE_SECONDS: String(LEASE_SECONDS), REUNION_SIGN_IN_ADDRESS_LIMIT: '1000' }
		});
	const out: Record<string, unknown> = {};
	let worker: LocalWorker | undefined;
	try {
		if (SCENARIOS.includes('crash')) {
			const crash = await crashScenario(peer, devices, start);
			worker = crash.worker;
			out.crash = crash.result;
		}
		worker ??= await start();
		if (SCENARIOS.includes('outage')) out.outage = await outageScenario(peer, devices, worker);
		if (SCENARIOS.includes('hang')) out.hang = await hangScenario(peer, devices, worker);
	} finally {
		await worker?.stop();
		await peer.close();
	}
	return out;
}
