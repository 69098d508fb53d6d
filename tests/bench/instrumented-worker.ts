// Benchmark c's Worker entry: the shipped Worker (functions/worker.ts) unchanged, with its bindings and the
// global fetch wrapped to time D1, queue sends and push POSTs per stage, and GET /__bench/timings to read them.
// Only `wrangler dev tests/bench/instrumented-worker.ts` (end-to-end.ts) uses it; nothing ships it.
// GET /__bench/reset?floor=1 starts the floor run: the sends' encryption stubbed (floor-crypto.ts).
// Inside workerd the clock moves only at I/O, so a span also holds the CPU spent since the previous I/O.
import { AsyncLocalStorage } from 'node:async_hooks';
import worker from '../../functions/worker';

// wrangler.toml's Durable Object class must be exported by whichever entry wrangler dev runs.
export { CellHub } from '../../functions/worker';
import type { Env } from '../../functions/env';
import type { SendQueueMessage } from '../../functions/fanout/queue-messages';
import { setFloorCrypto } from './floor-crypto';

type Stage = 'api' | 'fanout' | 'send' | 'other';

export interface Span {
	count: number;
	ms: number;
}

export interface Invocation {
	stage: Stage;
	start: number;
	end: number;
	messages: number;
	devices: number;
}

/** What GET /__bench/timings answers. */
export interface Timings {
	spans: Record<string, Span>;
	invocations: Invocation[];
	/** Per SEND message: from its sendBatch call returning to the start of the invocation that got it. */
	queueWaitsMs: number[];
	/** Every push POST, call to answer. */
	pushMs: number[];
}

const stage = new AsyncLocalStorage<Stage>();
let timings: Timings = { spans: {}, invocations: [], queueWaitsMs: [], pushMs: [] };
const enqueuedAt = new Map<string, number>();

function record(what: string, ms: number, count = 1): void {
	const key = `${stage.getStore() ?? 'other'}.${what}`;
	const span = (timings.spans[key] ??= { count: 0, ms: 0 });
	span.count += count;
	span.ms += ms;
}

async function timed<T>(what: string, work: () => Promise<T>, count = 1): Promise<T> {
	const start = Date.now();
	try {
		return await work();
	} finally {
		record(what, Date.now() - start, count);
	}
}

const sendKey = (body: SendQueueMessage) => `${body.batchId}/${body.attempt}`;
const isSend = (body: unknown): body is SendQueueMessage =>
	typeof body === 'object' && body !== null && 'batchId' in body && 'attempt' in body;

function wrapQueue(queue: Queue): Queue {
	const noteEnqueued = (bodies: unknown[]) => {
		const now = Date.now();
		for (const body of bodies) if (isSend(body)) enqueuedAt.set(sendKey(body), now);
	};
	return {
		metrics: () => queue.metrics(),
		send: async (body, options) => {
			const result = await timed('enqueue', () => queue.send(body, options));
			noteEnqueued([body]);
			return result;
		},
		sendBatch: async (messages, options) => {
			const list = [...messages];
			const result = await timed('enqueue', () => queue.sendBatch(list, options), list.length);
			noteEnqueued(list.map((m) => m.body));
			return result;
		}
	};
}

const READ = /^\s*(SELECT|WITH)\b/i;

function wrapStatement(statement: D1PreparedStatement, sql: string): D1PreparedStatement {
	const what = READ.test(sql) ? 'd1.read' : 'd1.write';
	const original = {
		bind: statement.bind.bind(statement),
		run: statement.run.bind(statement),
		all: statement.all.bind(statement),
		first: statement.first.bind(statement),
		raw: statement.raw.bind(statement)
	};
	// The same object stays the statement, so D1's batch() still accepts it.
	Object.assign(statement, {
		bind: (...values: unknown[]) => wrapStatement(original.bind(...values), sql),
		run: () => timed(what, () => original.run()),
		all: () => timed(what, () => original.all()),
		first: (column?: string) => timed(what, () => original.first(column as string)),
		raw: (options?: { columnNames?: boolean }) =>
			timed(what, () => original.raw(options as { columnNames: true }))
	});
	return statement;
}

function wrapDatabase(db: D1Database): D1Database {
	return new Proxy(db, {
		get(target, property, receiver) {
			if (property === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql);
			if (property === 'batch')
				return (statements: D1PreparedStatement[]) =>
					timed('d1.batch', () => target.batch(statements), statements.length);
			const value: unknown = Reflect.get(target, property, receiver);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

function instrument(env: Env): Env {
	return {
		...env,
		DB: wrapDatabase(env.DB),
		FANOUT: wrapQueue(env.FANOUT),
		// Every SEND_n wrangler.toml binds, however many that is.
		...Object.fromEntries(
			Object.entries(env)
				.filter(([name]) => /^SEND_\d+$/.test(name))
				.map(([name, queue]) => [name, wrapQueue(queue as Queue)])
		)
	};
}

const originalFetch = globalThis.fetch;
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
	const url = input instanceof Request ? input.url : String(input);
	if (!url.includes('/push/')) return originalFetch(input, init);
	const start = Date.now();
	return timed('push', () => originalFetch(input, init)).finally(() =>
		timings.pushMs.push(Date.now() - start)
	);
};

function stageOf(queue: string): Stage {
	if (/-send(-\d+)?$/.test(queue)) return 'send';
	if (queue.endsWith('-fanout')) return 'fanout';
	return 'other';
}

export default {
	async fetch(request, env, ctx) {
		const { pathname } = new URL(request.url);
		if (pathname === '/__bench/timings') return Response.json(timings);
		if (pathname === '/__bench/reset') {
			timings = { spans: {}, invocations: [], queueWaitsMs: [], pushMs: [] };
			enqueuedAt.clear();
			const floor = new URL(request.url).searchParams.get('floor') === '1';
			setFloorCrypto(floor, () => stage.getStore() === 'send');
			return Response.json({});
		}
		return stage.run('api', () => worker.fetch!(request, instrument(env), ctx));
	},
	async queue(batch, env, ctx) {
		const kind = stageOf(batch.queue);
		const start = Date.now();
		let devices = 0;
		for (const message of batch.messages) {
			if (!isSend(message.body)) continue;
			devices += message.body.recipients.length;
			const at = enqueuedAt.get(sendKey(message.body));
			if (at !== undefined) timings.queueWaitsMs.push(start - at);
		}
		try {
			await stage.run(kind, () => worker.queue!(batch, instrument(env), ctx));
		} finally {
			timings.invocations.push({
				stage: kind,
				start,
				end: Date.now(),
				messages: batch.messages.length,
				devices
			});
		}
	},
	scheduled: (controller, env, ctx) => worker.scheduled!(controller, instrument(env), ctx)
} satisfies ExportedHandler<Env>;
