import type { Env } from '../env';
import { enqueueSends, type SendQueueMessage } from './queue-messages';

// k SEND queues, bindings SEND_0 … SEND_{k-1} (docs/scale.md): each brings its own pool of consumers, so k
// multiplies how many pushes are in flight. SEND_QUEUES picks k; wrangler.toml declares the bindings.

/** The SEND queues in use, in order. @throws when SEND_QUEUES names more queues than wrangler.toml binds. */
export function sendQueues(env: Pick<Env, 'SEND_QUEUES'>): Queue[] {
	const k = Number(env.SEND_QUEUES ?? '1');
	const count = Number.isInteger(k) && k > 0 ? k : 1;
	// Indexed by name: SEND_QUEUES may name any of the bindings wrangler.toml declares (SEND_0 … SEND_11 today).
	const bindings = env as unknown as Record<string, Queue | undefined>;
	return Array.from({ length: count }, (_, i) => {
		const queue = bindings[`SEND_${i}`];
		if (!queue) throw new Error(`SEND_QUEUES is ${count} but wrangler.toml binds no SEND_${i}`);
		return queue;
	});
}

/** A batch's queue follows from its sequence number (the id's `#000123` suffix): the same batch, same queue. */
export function sendQueueIndex(batchId: string, queueCount: number): number {
	const seq = Number(batchId.slice(batchId.lastIndexOf('#') + 1));
	return Number.isInteger(seq) && seq >= 0 ? seq % queueCount : 0;
}

export function sendQueueFor(env: Pick<Env, 'SEND_QUEUES'>, batchId: string): Queue {
	const queues = sendQueues(env);
	return queues[sendQueueIndex(batchId, queues.length)]!;
}

/** Enqueues send batches round-robin by batch number over the SEND queues. */
export async function enqueueSpread(
	env: Pick<Env, 'SEND_QUEUES'>,
	messages: SendQueueMessage[],
	delaySeconds?: number
): Promise<void> {
	const queues = sendQueues(env);
	const groups = new Map<number, SendQueueMessage[]>();
	for (const message of messages) {
		const index = sendQueueIndex(message.batchId, queues.length);
		groups.set(index, [...(groups.get(index) ?? []), message]);
	}
	await Promise.all([...groups].map(([index, group]) => enqueueSends(queues[index]!, group, delaySeconds)));
}
