// A discrete-event model of the fan-out pipeline (issue 12, docs/scale.md): selection steps on D1, SEND
// queues with their consumer pools, invocations with a fixed number of connections, push latency drawn from a
// log-normal distribution, D1 writes per batch. Deterministic for a given seed; no clock, no I/O.

/** Push round trip (request to answer) as a log-normal distribution given by its median and 99th percentile. */
export interface LatencyDistribution {
	medianMs: number;
	p99Ms: number;
}

/** Every input of the model; docs/scale.md states where each deployed and local value comes from. */
export interface SimParams {
	devices: number;
	// Selection (the FANOUT consumer)
	/** D1 databases (shards) the selection reads from, each single-threaded. */
	databases: number;
	/** Sub-jobs walked at once (each its own FANOUT message chain), spread over the databases. */
	selectionJobs: number;
	rowsPerStep: number;
	rowsReadPerDevice: number;
	d1RowsReadPerSecond: number;
	d1WritesPerSecond: number;
	/** From the end of one step to the start of the next (the FANOUT message hop). */
	stepHopMs: number;
	/** One `sendBatch` call of ≤ 100 messages. */
	enqueueMs: number;
	// Queues
	sendQueues: number;
	/** Per-queue delivery ceiling (messages, not devices). */
	queueMessagesPerSecond: number;
	/** Concurrent consumer invocations per queue. */
	consumersPerQueue: number;
	/** How long a queue's pool takes to grow linearly from 1 to consumersPerQueue after its first message. */
	consumerRampSeconds: number;
	/** max_batch_size of the SEND consumer. */
	batchMessages: number;
	/** max_batch_timeout: a partial batch is delivered this long after its oldest message arrived. */
	batchTimeoutMs: number;
	devicesPerMessage: number;
	// Sending
	connectionsPerInvocation: number;
	/** CPU per push in the sender: encrypt, sign (cached JWT), build, fetch overhead. */
	workerCpuMsPerPush: number;
	/** 0: every invocation has its own CPU (deployed); n: all invocations share n threads (local workerd). */
	sharedWorkerThreads: number;
	pushLatency: LatencyDistribution;
	/** A push peer's own CPU per message on `peerThreads` threads (local bench); 0 when it is inside the latency. */
	peerCpuMsPerPush: number;
	peerThreads: number;
	/** D1 writes after a SEND message's pushes (its outcome row), on the database of its batch. */
	outcomeWritesPerMessage: number;
	/**
	 * The send lease (SEND_LEASE_SECONDS) and push deadline (PUSH_TIMEOUT_MS): a consumer writes a lease on the
	 * database of its messages when it takes them only if their wait on the queue left less lease than its
	 * invocation may take (functions/fanout/send.ts). Unset: no lease writes modelled.
	 */
	sendLeaseMs?: number;
	pushTimeoutMs?: number;
	seed: number;
}

export interface SimResult {
	devices: number;
	/** Milliseconds from approval to the first, median, 99th-percentile and last push answered. */
	firstMs: number;
	p50Ms: number;
	p99Ms: number;
	lastMs: number;
	messagesPerSecond: number;
	/** When the last selection step had enqueued its batches. */
	selectionDoneMs: number;
	peakInvocations: number;
	d1Writes: number;
	/** D1 writes on each database (shard): its send batches and their outcomes live where its devices do. */
	d1WritesByDatabase: number[];
	/** The busiest database's writes per second, averaged from approval to the last push, and in its busiest second. */
	maxDatabaseWritesPerSecond: number;
	peakDatabaseWritesPerSecond: number;
}

/** mulberry32: small, fast and good enough for drawing latencies reproducibly. */
export function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

/** z of the 99th percentile of the standard normal distribution. */
const Z99 = 2.326347874;

/** Draws from the log-normal distribution with the given median and 99th percentile (Box–Muller). */
export function logNormal(distribution: LatencyDistribution, next: () => number): () => number {
	const sigma = Math.log(distribution.p99Ms / distribution.medianMs) / Z99;
	return () => {
		const u = 1 - next();
		const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
		return distribution.medianMs * Math.exp(sigma * z);
	};
}

/** A binary min-heap of timed events (ties run in an order fixed by the heap, so runs repeat exactly). */
class Agenda {
	private keys: number[] = [];
	private actions: Array<() => void> = [];
	now = 0;

	at(key: number, action: () => void): void {
		let i = this.keys.length;
		this.keys.push(key);
		this.actions.push(action);
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (this.keys[parent]! <= key) break;
			this.keys[i] = this.keys[parent]!;
			this.actions[i] = this.actions[parent]!;
			i = parent;
		}
		this.keys[i] = key;
		this.actions[i] = action;
	}

	run(): void {
		while (this.keys.length) {
			this.now = this.keys[0]!;
			const action = this.actions[0]!;
			const key = this.keys.pop()!;
			const moved = this.actions.pop()!;
			const size = this.keys.length;
			if (size) {
				let i = 0;
				for (;;) {
					let child = 2 * i + 1;
					if (child >= size) break;
					if (child + 1 < size && this.keys[child + 1]! < this.keys[child]!) child++;
					if (this.keys[child]! >= key) break;
					this.keys[i] = this.keys[child]!;
					this.actions[i] = this.actions[child]!;
					i = child;
				}
				this.keys[i] = key;
				this.actions[i] = moved;
			}
			action();
		}
	}
}

/** A single-threaded resource (a D1 database, a CPU thread): work runs in arrival order. */
class Server {
	free = 0;
	use(at: number, ms: number): number {
		const start = Math.max(at, this.free);
		this.free = start + ms;
		return this.free;
	}
}

/** The earliest free of several threads. */
function earliest(servers: Server[]): Server {
	return servers.reduce((best, s) => (s.free < best.free ? s : best));
}

interface QueuedMessage {
	arrived: number;
	devices: number;
	database: number;
}

interface SendQueue {
	waiting: QueuedMessage[];
	head: number;
	active: number;
	rateFree: number;
	backlogSince: number;
	timer: number;
}

/** Runs the model once; every delivery time is kept, so 10 M devices take about 100 MB and a few seconds. */
export function simulate(p: SimParams): SimResult {
	const agenda = new Agenda();
	const next = random(p.seed);
	const latency = logNormal(p.pushLatency, next);
	const databases = Array.from({ length: p.databases }, () => new Server());
	const workerThreads = Array.from({ length: p.sharedWorkerThreads }, () => new Server());
	const peerThreads = Array.from({ length: p.peerThreads }, () => new Server());
	const delivered = new Float64Array(p.devices);
	let deliveredCount = 0;
	let batchNumber = 0;
	let selectionDoneMs = 0;
	let active = 0;
	let peakInvocations = 0;
	let d1Writes = 0;
	const writesByDatabase = Array.from({ length: p.databases }, () => 0);
	// Writes per whole second of the run, per database: the busiest second is the rate the database must take.
	const writesPerSecond = Array.from({ length: p.databases }, () => new Map<number, number>());
	const countWrites = (database: number, at: number, writes: number) => {
		d1Writes += writes;
		writesByDatabase[database]! += writes;
		const second = Math.floor(at / 1000);
		const bySecond = writesPerSecond[database]!;
		bySecond.set(second, (bySecond.get(second) ?? 0) + writes);
	};
	const queues: SendQueue[] = Array.from({ length: p.sendQueues }, () => ({
		waiting: [],
		head: 0,
		active: 0,
		rateFree: 0,
		backlogSince: -1,
		timer: -1
	}));

	const allowed = (q: SendQueue, now: number): number => {
		if (p.consumerRampSeconds <= 0 || q.backlogSince < 0) return p.consumersPerQueue;
		const grown = ((now - q.backlogSince) / (p.consumerRampSeconds * 1000)) * (p.consumersPerQueue - 1);
		// The epsilon keeps rounding from putting a consumer's start a hair after the moment it was woken for.
		return Math.min(p.consumersPerQueue, 1 + Math.floor(grown + 1e-9));
	};

	const wake = (q: SendQueue, when: number) => {
		const at = Math.max(when, agenda.now + 1e-3);
		if (q.timer >= 0 && q.timer <= at) return;
		q.timer = at;
		agenda.at(at, () => {
			if (q.timer === at) q.timer = -1;
			dispatch(q);
		});
	};

	const dispatch = (q: SendQueue) => {
		const now = agenda.now;
		while (q.head < q.waiting.length) {
			const limit = allowed(q, now);
			if (q.active >= limit) {
				// The pool grows with time: come back when the next consumer may start.
				if (limit < p.consumersPerQueue)
					wake(q, q.backlogSince + (limit / (p.consumersPerQueue - 1)) * p.consumerRampSeconds * 1000);
				return;
			}
			const available = q.waiting.length - q.head;
			const oldest = q.waiting[q.head]!.arrived;
			if (available < p.batchMessages && now < oldest + p.batchTimeoutMs)
				return wake(q, oldest + p.batchTimeoutMs);
			if (q.rateFree > now) return wake(q, q.rateFree);
			const taken = q.waiting.slice(q.head, q.head + Math.min(available, p.batchMessages));
			q.head += taken.length;
			q.rateFree = now + (taken.length * 1000) / p.queueMessagesPerSecond;
			invoke(q, taken);
		}
	};

	const invoke = (q: SendQueue, messages: QueuedMessage[]) => {
		q.active++;
		active++;
		peakInvocations = Math.max(peakInvocations, active);
		const own = new Server();
		own.free = agenda.now;
		const total = messages.reduce((sum, m) => sum + m.devices, 0);
		if (p.sendLeaseMs !== undefined) {
			// One lease statement per database whose messages waited past what the invocation may still need.
			const worstMs = Math.ceil(total / p.connectionsPerInvocation) * (p.pushTimeoutMs ?? 10_000) + 60_000;
			const late = messages.filter((m) => m.arrived + p.sendLeaseMs! < agenda.now + worstMs);
			for (const database of new Set(late.map((m) => m.database)))
				countWrites(database, databases[database]!.use(agenda.now, 1000 / p.d1WritesPerSecond), 1);
		}
		let started = 0;
		let answered = 0;
		const push = () => {
			if (started === total) return;
			started++;
			const cpu = (p.sharedWorkerThreads ? earliest(workerThreads) : own).use(
				agenda.now,
				p.workerCpuMsPerPush
			);
			const roundTrip = latency();
			let answer = cpu + roundTrip;
			if (p.peerCpuMsPerPush > 0)
				answer = earliest(peerThreads).use(cpu + roundTrip / 2, p.peerCpuMsPerPush) + roundTrip / 2;
			agenda.at(answer, () => {
				delivered[deliveredCount++] = agenda.now;
				answered++;
				if (answered === total) finish(q, messages);
				else push();
			});
		};
		for (let c = 0; c < Math.min(p.connectionsPerInvocation, total); c++) push();
	};

	const finish = (q: SendQueue, messages: QueuedMessage[]) => {
		let end = agenda.now;
		for (const m of messages) {
			const written = databases[m.database]!.use(
				agenda.now,
				(p.outcomeWritesPerMessage * 1000) / p.d1WritesPerSecond
			);
			end = Math.max(end, written);
			countWrites(m.database, written, p.outcomeWritesPerMessage);
		}
		agenda.at(end, () => {
			q.active--;
			active--;
			dispatch(q);
		});
	};

	const arrive = (messages: QueuedMessage[], queueIndex: number) => {
		const q = queues[queueIndex]!;
		if (q.backlogSince < 0) q.backlogSince = agenda.now;
		q.waiting.push(...messages);
		dispatch(q);
	};

	// Each sub-job walks its share of the covering in steps of rowsPerStep rows on its database.
	const perStep = Math.max(1, Math.floor(p.rowsPerStep / p.rowsReadPerDevice));
	const step = (job: number, remaining: number) => {
		const database = job % p.databases;
		const devices = Math.min(remaining, perStep);
		const batches = Math.ceil(devices / p.devicesPerMessage);
		const readMs = ((devices * p.rowsReadPerDevice) / p.d1RowsReadPerSecond) * 1000;
		// The step records its batches and its progress in one D1 batch().
		const writeMs = ((batches + 1) / p.d1WritesPerSecond) * 1000;
		const recorded = databases[database]!.use(agenda.now, readMs + writeMs);
		countWrites(database, recorded, batches + 1);
		const enqueued = recorded + Math.ceil(batches / 100) * p.enqueueMs;
		const byQueue = new Map<number, QueuedMessage[]>();
		for (let b = 0; b < batches; b++) {
			const size = Math.min(p.devicesPerMessage, devices - b * p.devicesPerMessage);
			const queueIndex = batchNumber++ % p.sendQueues;
			byQueue.set(queueIndex, [
				...(byQueue.get(queueIndex) ?? []),
				{ arrived: enqueued, devices: size, database }
			]);
		}
		agenda.at(enqueued, () => {
			for (const [queueIndex, messages] of byQueue) arrive(messages, queueIndex);
			selectionDoneMs = Math.max(selectionDoneMs, agenda.now);
			if (remaining > devices) agenda.at(agenda.now + p.stepHopMs, () => step(job, remaining - devices));
		});
	};
	const jobs = Math.min(p.selectionJobs, p.devices);
	for (let j = 0; j < jobs; j++) {
		const share = Math.floor(p.devices / jobs) + (j < p.devices % jobs ? 1 : 0);
		agenda.at(p.stepHopMs, () => step(j, share));
	}
	agenda.run();

	const sorted = delivered.sort();
	const pick = (q: number) => sorted[Math.min(p.devices - 1, Math.floor(q * p.devices))]!;
	const lastMs = sorted[p.devices - 1]!;
	return {
		devices: p.devices,
		firstMs: sorted[0]!,
		p50Ms: pick(0.5),
		p99Ms: pick(0.99),
		lastMs,
		messagesPerSecond: (p.devices / lastMs) * 1000,
		selectionDoneMs,
		peakInvocations,
		d1Writes,
		d1WritesByDatabase: writesByDatabase,
		maxDatabaseWritesPerSecond: (Math.max(...writesByDatabase) / lastMs) * 1000,
		peakDatabaseWritesPerSecond: Math.max(...writesPerSecond.flatMap((bySecond) => [...bySecond.values()]))
	};
}
