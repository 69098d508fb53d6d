// Where benchmark c's time goes: the instrumented Worker's spans, the peer's thread time and the CPU of both
// process trees, then the pipeline model (simulate.ts) fed with these measured costs, to compare with the run.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Span, Timings } from './instrumented-worker';
import { simulate, type SimParams } from './simulate';
import { LOCAL } from './simulate-run';

export const LOCAL_PARAMS_FILE = 'tests/bench/.data/local-params.json';

/** User + system CPU of every process in a process group (wrangler, workerd, esbuild), from /proc. */
export function processGroupCpuMs(group: number): number {
	const ticks = 100; // USER_HZ on Linux
	let total = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // gone meanwhile
		}
		// Fields after the ")" that closes the command name: state ppid pgrp … utime(14) stime(15), 1-based.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) === group) total += Number(fields[11]) + Number(fields[12]);
	}
	return (total * 1000) / ticks;
}

export interface BreakdownInput {
	devices: number;
	sendQueues: number;
	/** Date.now() when the approval was sent (workerd and Node share the machine's clock). */
	approvedAt: number;
	wallMs: number;
	timings: Timings;
	encryptionPerSecond: number;
	peerThreadMs: number;
	/** Messages the peer verified (its sample); the thread time is theirs. */
	peerVerified: number;
	peerThreads: number;
	serverCpuMs: number;
	peerCpuMs: number;
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function printBreakdown(input: BreakdownInput): Record<string, number> {
	const { timings, devices } = input;
	const span = (key: string): Span => timings.spans[key] ?? { count: 0, ms: 0 };
	const steps = timings.invocations.filter((i) => i.stage === 'fanout');
	const sends = timings.invocations.filter((i) => i.stage === 'send');
	const stepMs = steps.reduce((sum, i) => sum + i.end - i.start, 0);
	const sendMs = sends.reduce((sum, i) => sum + i.end - i.start, 0);
	const selectionEnd = Math.max(...steps.map((i) => i.end));
	const firstStep = Math.min(...steps.map((i) => i.start));
	const [reads, writes, batch, enqueue] = ['d1.read', 'd1.write', 'd1.batch', 'enqueue'].map((k) =>
		span(`fanout.${k}`)
	) as [Span, Span, Span, Span];
	const push = span('send.push');
	const sendWrites = [span('send.d1.write'), span('send.d1.batch'), span('send.d1.read')];
	const sendD1Ms = sendWrites.reduce((sum, x) => sum + x.ms, 0);
	const sendD1Count = sendWrites.reduce((sum, x) => sum + x.count, 0);
	const encryptionMs = (devices / input.encryptionPerSecond) * 1000;
	const peerMsPerMessage = input.peerThreadMs / Math.max(1, input.peerVerified);
	const waits = timings.queueWaitsMs;
	const meanPostMs = push.ms / Math.max(1, push.count);
	console.log(
		`   where the time went (wall spans inside workerd include the CPU since the previous I/O; sums overlap):`
	);
	console.log(
		`   selection    ${steps.length} FANOUT steps, first at +${s(firstStep - input.approvedAt)}, last done at +${s(selectionEnd - input.approvedAt)}; ${s(stepMs)} in steps: D1 reads ${s(reads.ms)} (${reads.count} queries), D1 batch() ${s(batch.ms + writes.ms)} (${batch.count + writes.count} statements)`
	);
	console.log(
		`   enqueue      ${s(enqueue.ms)} for ${enqueue.count} queue messages (sendBatch/send from the steps)`
	);
	console.log(
		`   queue wait   SEND messages, enqueued → consumer start: p50 ${s(percentile(waits, 50))}, p99 ${s(percentile(waits, 99))}, max ${s(Math.max(0, ...waits))} (${sends.length} invocations, at most ${maxOverlap(sends)} at once)`
	);
	console.log(
		`   encryption   ${s(encryptionMs)} of workerd CPU (${devices} × 1/${Math.round(input.encryptionPerSecond)} msg/s, measured alone just before)`
	);
	console.log(
		`   push POST    ${push.count} requests, mean ${meanPostMs.toFixed(2)} ms, p50 ${percentile(timings.pushMs, 50)} ms, p99 ${percentile(timings.pushMs, 99)} ms, ${s(push.ms)} summed over ≤ 6 connections per invocation; send invocations ${s(sendMs)} in all`
	);
	console.log(
		`   push peer    verify + decrypt ${peerMsPerMessage.toFixed(3)} ms per verified message (${input.peerVerified}) on ${input.peerThreads} threads (${s(input.peerThreadMs)}); peer process CPU ${s(input.peerCpuMs)}`
	);
	console.log(`   D1 writes    in SEND invocations: ${sendD1Count} statements, ${s(sendD1Ms)}`);
	console.log(
		`   CPU          wrangler + workerd ${s(input.serverCpuMs)} (${(input.serverCpuMs / devices).toFixed(3)} ms per message), peer ${s(input.peerCpuMs)}, over ${s(input.wallMs)} of wall on 2 cores`
	);
	// The model, with this run's measured costs: one consumer per queue (Miniflare's broker), the push round trip
	// as measured inside workerd (it already holds the sender's CPU since the previous I/O, so none is added).
	const params: SimParams = {
		...LOCAL,
		devices,
		sendQueues: input.sendQueues,
		workerCpuMsPerPush: 0,
		pushLatency: {
			medianMs: Math.max(0.5, percentile(timings.pushMs, 50)),
			p99Ms: Math.max(1, percentile(timings.pushMs, 99))
		},
		peerCpuMsPerPush: 0,
		d1WritesPerSecond: sendD1Count / Math.max(0.001, sendD1Ms / 1000),
		d1RowsReadPerSecond: devices / Math.max(0.001, reads.ms / 1000)
	};
	writeFileSync(LOCAL_PARAMS_FILE, JSON.stringify(params, null, '\t'));
	const model = simulate(params);
	console.log(
		`   model        simulate() with these measured costs: ${s(model.lastMs)} (measured ${s(input.wallMs)}); parameters in ${LOCAL_PARAMS_FILE}`
	);
	return {
		e2eSelectionMs: Math.round(selectionEnd - input.approvedAt),
		e2eEnqueueMs: enqueue.ms,
		e2eQueueWaitP50Ms: percentile(waits, 50),
		e2eEncryptionMs: Math.round(encryptionMs),
		e2ePushPostMeanMs: Math.round(meanPostMs * 100) / 100,
		e2ePeerMsPerMessage: Math.round(peerMsPerMessage * 1000) / 1000,
		e2eSendD1Ms: sendD1Ms,
		e2eServerCpuMs: Math.round(input.serverCpuMs),
		e2eModelMs: Math.round(model.lastMs)
	};
}

function maxOverlap(invocations: Array<{ start: number; end: number }>): number {
	const edges = invocations.flatMap((i) => [
		[i.start, 1],
		[i.end, -1]
	]);
	edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
	let now = 0;
	let peak = 0;
	for (const [, delta] of edges) peak = Math.max(peak, (now += delta!));
	return peak;
}
