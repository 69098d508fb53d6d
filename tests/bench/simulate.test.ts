import { describe, expect, it } from 'vitest';
import { logNormal, random, simulate, type SimParams } from './simulate';

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
