import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import worker from '../worker-entry';
import type { Env } from '../../../functions/env';

/** wrangler.toml's max_retries: past this many retries a message goes to the dead-letter queue. */
const MAX_RETRIES: Record<string, number> = {
	'reunion-fanout': 10,
	'reunion-send': 5,
	'reunion-send-1': 5,
	'reunion-send-2': 5,
	'reunion-send-3': 5,
	'reunion-webhooks': 5
};

interface Held {
	id: string;
	queue: string;
	body: unknown;
	attempts: number;
	/** The delay the sender asked for (delivery rounds ignore it: every delay has passed). */
	delaySeconds?: number;
}

let serial = 0;

/**
 * The Queues runtime, driven by hand: messages the Worker enqueues are held here, and each `deliver()` is one
 * delivery round (every delay has passed) through the Worker's real queue handler, counting retries against
 * max_retries as Cloudflare does. Tests thereby span hours of pause or retries without waiting.
 */
export class HandQueues {
	held: Held[] = [];
	dead: Held[] = [];
	/** The next this many `sendBatch` calls to any SEND queue fail, as a Queues outage would. */
	failSendBatches = 0;
	readonly env: Env;

	constructor(overrides: Partial<Env> = {}) {
		this.env = {
			...env,
			FANOUT: this.producer('reunion-fanout'),
			SEND_0: this.producer('reunion-send'),
			SEND_1: this.producer('reunion-send-1'),
			SEND_2: this.producer('reunion-send-2'),
			SEND_3: this.producer('reunion-send-3'),
			WEBHOOKS: this.producer('reunion-webhooks'),
			...overrides
		};
	}

	private producer(queue: string): Queue {
		const hold = (body: unknown, delaySeconds?: number) =>
			this.held.push({ id: `m${++serial}`, queue, body, attempts: 1, delaySeconds });
		return {
			send: async (body: unknown, options?: QueueSendOptions) => void hold(body, options?.delaySeconds),
			sendBatch: async (messages: Iterable<MessageSendRequest>) => {
				if (queue.startsWith('reunion-send') && this.failSendBatches > 0 && this.failSendBatches--)
					throw new Error('Queue send failed');
				for (const m of messages) hold(m.body);
			},
			metrics: async () => ({ backlogCount: 0, backlogBytes: 0 })
		} as unknown as Queue;
	}

	count(queue: string): number {
		return this.held.filter((m) => m.queue === queue).length;
	}

	/** Holds a second copy of every held message of `queue`: an at-least-once delivery repeating itself. */
	duplicate(queue: string): void {
		for (const m of this.held.filter((h) => h.queue === queue)) this.held.push({ ...m, id: `m${++serial}` });
	}

	/**
	 * One round: every held message (of `queue`, if named) goes through the consumer once, in one batch per
	 * queue, or with `apart`, each in its own invocation, all at once (as several consumers would).
	 */
	async deliver(queue?: string, apart = false): Promise<void> {
		const due = this.held.filter((m) => !queue || m.queue === queue);
		this.held = this.held.filter((m) => !due.includes(m));
		const groups = apart
			? due.map((m) => [m])
			: [...new Set(due.map((m) => m.queue))].map((name) => due.filter((m) => m.queue === name));
		await Promise.all(groups.map((group) => this.invoke(group)));
	}

	private async invoke(mine: Held[]): Promise<void> {
		const name = mine[0]!.queue;
		const batch = createMessageBatch(
			name,
			mine.map((m) => ({ id: m.id, timestamp: new Date(), attempts: m.attempts, body: m.body }))
		);
		const ctx = createExecutionContext();
		let threw = false;
		await Promise.resolve(worker.queue!(batch, this.env, ctx)).catch(() => (threw = true));
		const result = await getQueueResult(batch, ctx);
		const retried = new Set(result.retryMessages.map((r) => r.msgId));
		const acked = new Set(result.explicitAcks);
		for (const m of mine) {
			const retry =
				!acked.has(m.id) && (retried.has(m.id) || (!result.ackAll && (result.retryBatch.retry || threw)));
			if (!retry) continue;
			const again = { ...m, attempts: m.attempts + 1 };
			if (m.attempts > (MAX_RETRIES[name] ?? 3)) this.dead.push(again);
			else this.held.push(again);
		}
	}

	/** Delivery rounds until nothing is held (bounded, so a message that never settles fails the test). */
	async drain(rounds = 50, apart = false): Promise<void> {
		for (let i = 0; i < rounds && this.held.length; i++) await this.deliver(undefined, apart);
		if (this.held.length) throw new Error(`queues did not drain: ${JSON.stringify(this.held)}`);
	}
}
