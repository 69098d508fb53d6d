// Benchmark c's push peer: the HTTP side on the main thread, VAPID verification and decryption on worker threads
// (peer-thread.ts). It verifies a random sample (2 % by default, BENCH_PEER_SAMPLE) and only counts the rest, so
// the machine's two cores go to the system under test rather than to the peer's own decryption (issue 23): a
// sender that got encryption or VAPID wrong fails the sample just as surely over 20,000 messages (400 checked).
import { resolve } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { createTestSubscriber } from '../support/push-peer';
import type { ThreadAnswer, ThreadJob, ThreadSetup } from './peer-thread';

const THREAD_BUNDLE = 'tests/bench/.data/peer-thread.mjs';

export class ThreadedPeer {
	readonly received: Array<{ id: string; at: number }> = [];
	readonly rejected: Array<{ id: string; status: number; reason: string }> = [];
	/** Time spent verifying and decrypting, summed over threads (ms). */
	threadMs = 0;
	origin = '';
	/** The floor run's peer: answers 201 once the request is read, without verifying or decrypting it. */
	stub = false;
	/** Messages verified (VAPID + decryption) in this run: the sample. */
	sampled = 0;
	private readonly subscribers: ThreadSetup['subscribers'] = [];
	private threads: Worker[] = [];
	private pending = new Map<number, (answer: ThreadAnswer) => void>();
	private seq = 0;
	private readonly server = createServer((req, res) => {
		this.handle(req, res).catch((error: unknown) => {
			res.writeHead(500).end(String(error));
		});
	});

	constructor(
		private readonly vapidPublicKey: string,
		private readonly threadCount: number,
		/** The share of messages verified, 0–1; the rest are counted once their headers are those of RFC 8030/8291. */
		private readonly sampleRate = 1
	) {}

	async listen(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		const address = this.server.address();
		if (!address || typeof address === 'string') throw new Error('peer did not bind');
		this.origin = `http://127.0.0.1:${address.port}`;
	}

	/** A new subscriber (call after listen, before start): what the server stores for it. */
	register(id: string): { endpoint: string; keys: { p256dh: string; auth: string } } {
		const subscriber = createTestSubscriber();
		this.subscribers.push({ id, privateKey: subscriber.privateKey, auth: subscriber.keys.auth });
		return { endpoint: `${this.origin}/push/${id}`, keys: subscriber.keys };
	}

	/** Starts the verifying threads with every registered subscriber's keys. */
	async start(): Promise<void> {
		await build({
			entryPoints: ['tests/bench/peer-thread.ts'],
			bundle: true,
			platform: 'node',
			format: 'esm',
			packages: 'external',
			outfile: THREAD_BUNDLE,
			logLevel: 'warning'
		});
		const setup: ThreadSetup = {
			vapidPublicKey: this.vapidPublicKey,
			origin: this.origin,
			subscribers: this.subscribers
		};
		this.threads = Array.from({ length: this.threadCount }, () => {
			const thread = new Worker(resolve(THREAD_BUNDLE), { workerData: setup });
			thread.on('message', (answer: ThreadAnswer) => {
				this.pending.get(answer.seq)?.(answer);
				this.pending.delete(answer.seq);
			});
			return thread;
		});
	}

	async close(): Promise<void> {
		await Promise.all(this.threads.map((t) => t.terminate()));
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const id = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		if (req.method !== 'POST' || req.headers['content-encoding'] !== 'aes128gcm' || !req.headers.ttl) {
			this.rejected.push({ id, status: 400, reason: 'not an RFC 8030/8291 push request' });
			res.writeHead(400).end();
			return;
		}
		if (this.stub || Math.random() >= this.sampleRate) {
			// Counted, not verified: but a request without a VAPID authorization never passes for a delivery.
			if (!this.stub && !/^vapid t=[\w.-]+, ?k=[\w-]+$/.test(req.headers.authorization ?? '')) {
				this.rejected.push({ id, status: 401, reason: 'no VAPID authorization (RFC 8292 §3)' });
				res.writeHead(401).end();
				return;
			}
			this.received.push({ id, at: Date.now() });
			res.writeHead(201).end();
			return;
		}
		this.sampled++;
		const seq = this.seq++;
		const job: ThreadJob = {
			seq,
			id,
			authorization: req.headers.authorization,
			body: Buffer.concat(chunks),
			nowSeconds: Math.floor(Date.now() / 1000)
		};
		const answer = await new Promise<ThreadAnswer>((resolve) => {
			this.pending.set(seq, resolve);
			this.threads[seq % this.threads.length]!.postMessage(job);
		});
		this.threadMs += answer.ms;
		if (answer.status === 201) this.received.push({ id, at: Date.now() });
		else this.rejected.push({ id, status: answer.status, reason: answer.reason ?? '' });
		res.writeHead(answer.status).end();
	}
}
