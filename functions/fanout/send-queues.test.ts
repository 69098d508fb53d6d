import { describe, expect, it } from 'vitest';
import { sendQueueIndex, sendQueues } from './send-queues';

const queue = (name: string) => ({ name }) as unknown as Queue;

describe('sendQueues', () => {
	const env = { SEND_0: queue('a'), SEND_1: queue('b'), SEND_2: queue('c') };

	it('uses the first SEND_QUEUES bindings, one when unset or not a positive whole number', () => {
		expect(sendQueues({ ...env, SEND_QUEUES: '2' })).toEqual([env.SEND_0, env.SEND_1]);
		expect(sendQueues({ ...env, SEND_QUEUES: undefined as unknown as string })).toEqual([env.SEND_0]);
		expect(sendQueues({ ...env, SEND_QUEUES: 'x' })).toEqual([env.SEND_0]);
		expect(sendQueues({ ...env, SEND_QUEUES: '0' })).toEqual([env.SEND_0]);
	});

	it('refuses a count beyond the bindings wrangler.toml declares', () => {
		expect(() => sendQueues({ ...env, SEND_QUEUES: '4' })).toThrow(/SEND_3/);
	});
});

describe('sendQueueIndex', () => {
	it('spreads consecutive batches of a job round-robin and keeps a batch on its queue', () => {
		const ids = Array.from({ length: 6 }, (_, i) => `case:alert:1:100:0:DB:#${String(i).padStart(6, '0')}`);
		expect(ids.map((id) => sendQueueIndex(id, 3))).toEqual([0, 1, 2, 0, 1, 2]);
		expect(sendQueueIndex(ids[4]!, 3)).toBe(sendQueueIndex(ids[4]!, 3));
		expect(ids.map((id) => sendQueueIndex(id, 1))).toEqual([0, 0, 0, 0, 0, 0]);
	});
});
