// `npm run bench -- sim` (issues 12, 23): the pipeline model of simulate.ts, first with the local run's parameters
// (it must land near what benchmark c measured), then deployed with the configuration wrangler.toml ships (its
// SEND queues and their max_batch_size) at 100 and 300 ms push latency, with the cost per alert at list prices and
// each shard's D1 write rate, then k = 1, 4 and 12 for comparison. docs/scale.md states where every value comes from.
import { readFileSync } from 'node:fs';
import { simulate, type SimParams, type SimResult } from './simulate';

/** Deployed on Cloudflare: platform limits (TOOLCHAIN.md) and stated assumptions, see docs/scale.md. */
export const DEPLOYED: Omit<SimParams, 'devices' | 'sendQueues' | 'pushLatency' | 'databases'> = {
	selectionJobs: 8,
	rowsPerStep: 5_000,
	rowsReadPerDevice: 1.06,
	d1RowsReadPerSecond: 200_000,
	d1WritesPerSecond: 2_000,
	stepHopMs: 50,
	enqueueMs: 20,
	queueMessagesPerSecond: 5_000,
	consumersPerQueue: 250,
	consumerRampSeconds: 2,
	batchMessages: 10,
	batchTimeoutMs: 1_000,
	devicesPerMessage: 100,
	connectionsPerInvocation: 6,
	workerCpuMsPerPush: 0.2,
	sharedWorkerThreads: 0,
	peerCpuMsPerPush: 0,
	peerThreads: 1,
	outcomeWritesPerMessage: 1,
	// wrangler.toml's defaults (functions/fanout/lease.ts): a queue that drains within the lease writes none.
	sendLeaseMs: 600_000,
	pushTimeoutMs: 10_000,
	seed: 12
};

/**
 * Local wrangler (benchmark c): Miniflare's queue broker hands a queue one batch at a time (one consumer per
 * queue), 6 connections per invocation as ours opens, the push round trip as measured inside workerd (it holds
 * the sender's CPU since the previous I/O, so no CPU is added on top), D1 rates measured in the same run.
 * Values of the run recorded in docs/scale.md; benchmark c prints its own and writes them to
 * tests/bench/.data/local-params.json.
 */
export const LOCAL: SimParams = {
	devices: 20_000,
	databases: 1,
	selectionJobs: 1,
	rowsPerStep: 5_000,
	rowsReadPerDevice: 1.0,
	d1RowsReadPerSecond: 23_000,
	d1WritesPerSecond: 170,
	stepHopMs: 5,
	enqueueMs: 5,
	sendQueues: 1,
	queueMessagesPerSecond: 5_000,
	consumersPerQueue: 1,
	consumerRampSeconds: 0,
	batchMessages: 10,
	batchTimeoutMs: 1_000,
	devicesPerMessage: 100,
	connectionsPerInvocation: 6,
	workerCpuMsPerPush: 0,
	sharedWorkerThreads: 1,
	pushLatency: { medianMs: 11, p99Ms: 84 },
	peerCpuMsPerPush: 0,
	peerThreads: 1,
	outcomeWritesPerMessage: 1,
	seed: 12
};

export const LATENCIES = [
	{ medianMs: 100, p99Ms: 400 },
	{ medianMs: 300, p99Ms: 1_200 }
];
export const QUEUE_COUNTS = [1, 4, 12];
/** 1 M devices in one 100 km circle read from one D1 shard; 10 M (a megacity region) from four. */
export const AUDIENCES = [
	{ devices: 1_000_000, databases: 1 },
	{ devices: 10_000_000, databases: 4 }
];

const seconds = (ms: number) => (ms / 1000).toFixed(1);

function describe(result: SimResult): string {
	return `last ${seconds(result.lastMs)} s (first ${seconds(result.firstMs)} s, p50 ${seconds(result.p50Ms)} s, p99 ${seconds(result.p99Ms)} s, selection done ${seconds(result.selectionDoneMs)} s, ${Math.round(result.messagesPerSecond)} msg/s, ≤ ${result.peakInvocations} invocations)`;
}

/** What wrangler.toml ships: the SEND queues bound (SEND_0 … SEND_{k-1}) and their consumers' max_batch_size. */
export function shippedSendConfiguration(toml: string): { sendQueues: number; batchMessages: number } {
	const blocks = toml.split(/^\[\[/m).map((block) => ({
		kind: block.slice(0, block.indexOf(']]')),
		get: (key: string) => new RegExp(`^${key}\\s*=\\s*"?([^"\\n]+)"?`, 'm').exec(block)?.[1]
	}));
	const sendQueueNames = blocks
		.filter((b) => b.kind === 'queues.producers' && /^SEND_\d+$/.test(b.get('binding') ?? ''))
		.map((b) => b.get('queue'));
	const batchSizes = new Set(
		blocks
			.filter((b) => b.kind === 'queues.consumers' && sendQueueNames.includes(b.get('queue')))
			.map((b) => Number(b.get('max_batch_size') ?? 10))
	);
	if (!sendQueueNames.length || batchSizes.size !== 1)
		throw new Error('wrangler.toml: expected SEND_n queues whose consumers share one max_batch_size');
	return { sendQueues: sendQueueNames.length, batchMessages: [...batchSizes][0]! };
}

/**
 * Workers Paid list prices (2026, USD; assumption, docs/scale.md): queue operations $0.40 per million, 3 per
 * message (write, read, delete); Worker requests $0.30 per million (one per SEND invocation and FANOUT step);
 * CPU $0.02 per million ms; D1 $0.001 per million rows read and $1.00 per million rows written.
 */
export function costPerAlertUsd(p: SimParams, result: SimResult): number {
	const messages = Math.ceil(p.devices / p.devicesPerMessage);
	const invocations = Math.ceil(messages / p.batchMessages) + Math.ceil(p.devices / p.rowsPerStep);
	return (
		(messages * 3 * 0.4) / 1e6 +
		(invocations * 0.3) / 1e6 +
		(p.devices * p.workerCpuMsPerPush * 0.02) / 1e6 +
		(p.devices * p.rowsReadPerDevice * 0.001) / 1e6 +
		(result.d1Writes * 1.0) / 1e6
	);
}

const SHIPPED = shippedSendConfiguration(readFileSync('wrangler.toml', 'utf8'));
/** max_batch_size of the SEND consumers: wrangler.toml's unless BENCH_SIM_BATCH says otherwise. */
const BATCH_MESSAGES = Number(process.env.BENCH_SIM_BATCH ?? SHIPPED.batchMessages);

export async function runSimulation(): Promise<Record<string, number>> {
	const figures: Record<string, number> = {};
	const local = simulate(LOCAL);
	console.log(`sim. local parameters, ${LOCAL.devices} devices: ${describe(local)}`);
	figures.simLocalSeconds = Math.round(local.lastMs / 100) / 10;
	console.log(
		`sim. deployed with the shipped configuration (wrangler.toml): k = ${SHIPPED.sendQueues} SEND queues, max_batch_size ${SHIPPED.batchMessages}, ${DEPLOYED.connectionsPerInvocation} connections per invocation, ${DEPLOYED.consumersPerQueue} consumers per queue`
	);
	console.log(
		'| audience | push latency (median / p99) | last phone | p50 | cost per alert | D1 writes/s per shard (mean, busiest second) |'
	);
	console.log('|---|---|---|---|---|---|');
	for (const audience of AUDIENCES) {
		for (const pushLatency of LATENCIES) {
			const params = { ...DEPLOYED, ...audience, ...SHIPPED, pushLatency };
			const result = simulate(params);
			const cost = costPerAlertUsd(params, result);
			const millions = audience.devices / 1e6;
			console.log(
				`| ${millions} M (${audience.databases} D1) | ${pushLatency.medianMs} / ${pushLatency.p99Ms} ms | ${seconds(result.lastMs)} s | ${seconds(result.p50Ms)} s | $${cost.toFixed(3)} | ${Math.round(result.maxDatabaseWritesPerSecond)}, ${Math.round(result.peakDatabaseWritesPerSecond)} |`
			);
			if (pushLatency.medianMs === 300) {
				figures[`sim${millions}MSeconds300ms`] = Math.round(result.lastMs / 100) / 10;
				figures[`sim${millions}MCostUsd300ms`] = Math.round(cost * 1000) / 1000;
				if (millions === 10) {
					figures.maxShardWritesPerSecond10M = Math.round(result.maxDatabaseWritesPerSecond);
					figures.peakShardWritesPerSecond10M = Math.round(result.peakDatabaseWritesPerSecond);
				}
			}
		}
	}
	console.log(
		`sim. deployed, SEND max_batch_size ${BATCH_MESSAGES} (${BATCH_MESSAGES * DEPLOYED.devicesPerMessage} devices per invocation): time until the last phone of the audience has its push accepted`
	);
	console.log('| audience | push latency (median / p99) | k = 1 | k = 4 | k = 12 |');
	console.log('|---|---|---|---|---|');
	for (const audience of AUDIENCES) {
		for (const pushLatency of LATENCIES) {
			const cells = QUEUE_COUNTS.map((sendQueues) => {
				const result = simulate({
					...DEPLOYED,
					...audience,
					batchMessages: BATCH_MESSAGES,
					sendQueues,
					pushLatency
				});
				figures[`sim${audience.devices / 1e6}M_L${pushLatency.medianMs}_k${sendQueues}`] =
					Math.round(result.lastMs / 100) / 10;
				return `${seconds(result.lastMs)} s`;
			});
			console.log(
				`| ${audience.devices / 1e6} M (${audience.databases} D1) | ${pushLatency.medianMs} / ${pushLatency.p99Ms} ms | ${cells.join(' | ')} |`
			);
		}
	}
	return figures;
}
