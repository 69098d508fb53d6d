import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { logNormal, random, simulate, type SimParams } from './simulate';
import { costPerAlertUsd, shippedSendConfiguration } from './simulate-run';

/** A tiny pipeline whose timeline can be worked out by hand: fixed latency, no D1 or queue costs. */
const TINY: SimParams = {
	devices: 12,
	databases: 1,
	selectionJobs: 1,
	rowsPerStep: 1_000,
	rowsReadPerDevice: 1,
	d1RowsReadPerSecond: 1e12,
	d1WritesPerSecond: 1e12,
	stepHopMs: 0,
	enqueueMs: 0,
	sendQueues: 1,
	queueMessagesPerSecond: 1e12,
	consumersPerQueue: 1,
	consumerRampSeconds: 0,
	batchMessages: 10,
	batchTimeoutMs: 1_000,
	devicesPerMessage: 3,
	connectionsPerInvocation: 2,
	workerCpuMsPerPush: 0,
	sharedWorkerThreads: 0,
	// p99 = median: every round trip is exactly 100 ms.
	pushLatency: { medianMs: 100, p99Ms: 100 },
	peerCpuMsPerPush: 0,
	peerThreads: 1,
	outcomeWritesPerMessage: 1,
	seed: 1
};

describe('simulate', () => {
	it('sends a partial batch after the batch timeout, two pushes at a time', () => {
		// 12 devices = 4 messages < 10: one invocation after 1 s; 12 pushes over 2 connections = 6 rounds.
		const result = simulate(TINY);
		expect(result.firstMs).toBeCloseTo(1_100, 6);
		expect(result.lastMs).toBeCloseTo(1_600, 6);
		expect(result.peakInvocations).toBe(1);
		// One D1 batch for the step (4 batch rows + progress) and one outcome write per message.
		expect(result.d1Writes).toBe(5 + 4);
	});

	it('spreads messages over k queues, each with its own consumer', () => {
		const one = simulate({ ...TINY, devices: 60, batchMessages: 2, batchTimeoutMs: 0 });
		const three = simulate({ ...TINY, devices: 60, batchMessages: 2, batchTimeoutMs: 0, sendQueues: 3 });
		// 20 messages in batches of 2 = 10 invocations of 6 pushes (3 rounds of 100 ms), one at a time per queue.
		expect(one.lastMs).toBeCloseTo(10 * 300, 6);
		// Round-robin: 7, 7 and 6 messages; a queue with 7 runs three invocations of 2 messages and one of 1
		// (3 devices, two rounds).
		expect(three.lastMs).toBeCloseTo(3 * 300 + 200, 6);
		expect(three.peakInvocations).toBe(3);
	});

	it('is limited by a shared thread when every push costs CPU there', () => {
		const cpuBound = simulate({
			...TINY,
			devices: 100,
			batchTimeoutMs: 0,
			consumersPerQueue: 4,
			batchMessages: 1,
			sharedWorkerThreads: 1,
			workerCpuMsPerPush: 50,
			pushLatency: { medianMs: 1, p99Ms: 1 }
		});
		// 100 pushes × 50 ms on one thread, plus the last round trip.
		expect(cpuBound.lastMs).toBeCloseTo(5_001, 6);
	});

	it('writes a lease at take only for messages whose queue wait left less lease than the invocation may need', () => {
		// One invocation at 1 s of 12 devices over 2 connections: worst case 6 × 100 ms + 60 s.
		const ample = simulate({ ...TINY, sendLeaseMs: 600_000, pushTimeoutMs: 100 });
		expect(ample.d1Writes).toBe(5 + 4);
		const short = simulate({ ...TINY, sendLeaseMs: 1_000, pushTimeoutMs: 100 });
		expect(short.d1Writes).toBe(5 + 4 + 1);
	});

	it('counts the writes of each database where its devices are, and its busiest second', () => {
		// Two sub-jobs on two databases, 6 devices each: per database 1 step (2 batch rows + progress) + 2 outcomes.
		const result = simulate({ ...TINY, databases: 2, selectionJobs: 2 });
		expect(result.d1WritesByDatabase).toEqual([5, 5]);
		expect(result.d1Writes).toBe(10);
		expect(result.maxDatabaseWritesPerSecond).toBeCloseTo((5 / result.lastMs) * 1000, 6);
		// The step's 3 writes land at 0 s, the outcomes after the pushes (> 1 s): two different seconds.
		expect(result.peakDatabaseWritesPerSecond).toBe(3);
	});

	it('repeats exactly for a seed and differs for another', () => {
		const spread = { ...TINY, devices: 500, pushLatency: { medianMs: 100, p99Ms: 400 } };
		expect(simulate(spread)).toEqual(simulate(spread));
		expect(simulate({ ...spread, seed: 2 }).lastMs).not.toBe(simulate(spread).lastMs);
	});
});

describe('logNormal', () => {
	it('has the stated median and 99th percentile', () => {
		const draw = logNormal({ medianMs: 100, p99Ms: 400 }, random(7));
		const samples = Float64Array.from({ length: 100_000 }, draw).sort();
		expect(samples[50_000]).toBeGreaterThan(97);
		expect(samples[50_000]).toBeLessThan(103);
		expect(samples[99_000]).toBeGreaterThan(370);
		expect(samples[99_000]).toBeLessThan(430);
	});
});

describe('the shipped configuration', () => {
	it("is read from wrangler.toml: the SEND_n queues bound and their consumers' max_batch_size", () => {
		expect(shippedSendConfiguration(readFileSync('wrangler.toml', 'utf8'))).toEqual({
			sendQueues: 12,
			batchMessages: 1
		});
		const two = `[[queues.producers]]\nbinding = "SEND_0"\nqueue = "a"\n\n[[queues.producers]]\nbinding = "SEND_1"\nqueue = "b"\n\n[[queues.producers]]\nbinding = "FANOUT"\nqueue = "f"\n\n[[queues.consumers]]\nqueue = "a"\nmax_batch_size = 4\n\n[[queues.consumers]]\nqueue = "b"\nmax_batch_size = 4\n\n[[queues.consumers]]\nqueue = "f"\nmax_batch_size = 1\n`;
		expect(shippedSendConfiguration(two)).toEqual({ sendQueues: 2, batchMessages: 4 });
		expect(() => shippedSendConfiguration(two.replace('max_batch_size = 4', 'max_batch_size = 2'))).toThrow();
	});

	it('prices an alert from its messages, invocations, CPU and D1 rows', () => {
		const params = {
			...TINY,
			devices: 1_000_000,
			devicesPerMessage: 100,
			batchMessages: 1,
			rowsPerStep: 5_000
		};
		const result = { d1Writes: 20_000 } as Parameters<typeof costPerAlertUsd>[1];
		// 10,000 messages × 3 ops × $0.40/M + 10,200 invocations × $0.30/M + 1 M rows read × $0.001/M + 20,000 rows
		// written × $1/M (no CPU in TINY).
		expect(costPerAlertUsd(params, result)).toBeCloseTo(0.012 + 0.00306 + 0.001 + 0.02, 6);
	});
});
