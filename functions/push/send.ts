import type { PushRequest } from './request';

/**
 * What to do after one POST (DESIGN.md "Fan out"): `delivered`; `gone` → delete the subscription (RFC 8030 §7.3);
 * `retry` → try again later, not before `retryAfterSeconds` when given; `failed` → count it, with the reason.
 */
export type PushOutcome =
	| { status: 'delivered'; httpStatus: number; retryAfterSeconds?: undefined; reason?: undefined }
	| { status: 'gone'; httpStatus: number; retryAfterSeconds?: undefined; reason?: undefined }
	| { status: 'retry'; httpStatus?: number; retryAfterSeconds?: number; reason: string }
	| { status: 'failed'; httpStatus?: number; retryAfterSeconds?: undefined; reason: string };

/** Options of {@link sendPush}. */
export interface SendOptions {
	/** Per-request deadline, covering connect, upload and the answer: a slow push service must not stall others. */
	timeoutMs: number;
	/** Injectable for tests; the global fetch otherwise. */
	fetch?: typeof fetch;
}

/** Cloudflare allows 6 simultaneous outgoing connections per invocation; local workerd does not enforce it. */
export const MAX_CONNECTIONS = 6;
const REASON_CHARS = 200;

/** RFC 9110 §10.2.3 Retry-After: delay-seconds or an HTTP-date, as whole seconds from `now` (ms). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text);
	// All three HTTP-date forms (RFC 9110 §5.6.7) start with a day name; this keeps Date.parse off '-5' and such.
	if (!/^[A-Za-z]{3}/.test(text)) return undefined;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

async function failureReason(response: Response): Promise<string> {
	// Push services explain 400s in the body (e.g. FCM's "invalid JWT"); a short excerpt is enough.
	const text = await response.text().catch(() => '');
	const detail = text.replace(/\s+/g, ' ').trim().slice(0, REASON_CHARS);
	const label = response.status === 413 ? 'HTTP 413 payload too large' : `HTTP ${response.status}`;
	return detail ? `${label}: ${detail}` : label;
}

// RFC 8030 §5–§7 and RFC 8292 §4 answers, mapped to what the fan-out does next.
async function classify(response: Response): Promise<PushOutcome> {
	const status = response.status;
	if (status >= 200 && status < 300) return { status: 'delivered', httpStatus: status };
	// A redirect would carry the encrypted message to a host off the allow-list: it is never followed.
	if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
		const location = (response.headers.get('Location') ?? '').slice(0, REASON_CHARS);
		const reason = `HTTP ${status} redirect not followed${location ? ` (to ${location})` : ''}`;
		return { status: 'failed', httpStatus: status, reason };
	}
	if (status === 404 || status === 410) return { status: 'gone', httpStatus: status };
	// 429 (RFC 6585 §4) and 5xx are transient; 408 means the push service gave up waiting for our upload.
	if (status === 429 || status === 408 || status >= 500) {
		const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
		const reason = `HTTP ${status}`;
		return retryAfterSeconds === undefined
			? { status: 'retry', httpStatus: status, reason }
			: { status: 'retry', httpStatus: status, retryAfterSeconds, reason };
	}
	// 400 (bad request), 401/403 (VAPID refused, RFC 8292 §4), 413 (too large): retrying cannot help.
	return { status: 'failed', httpStatus: status, reason: await failureReason(response) };
}

/**
 * POSTs one push message with its own deadline and classifies the answer: 2xx → delivered; 404/410 → gone;
 * 429, 408, 5xx, timeout, network error → retry (with Retry-After in seconds if the service sent one);
 * 3xx → failed (redirects are never followed); anything else (400, 401, 403, 413, …) → failed with the reason.
 * Never throws for HTTP or network trouble.
 */
export async function sendPush(request: PushRequest, options: SendOptions): Promise<PushOutcome> {
	const doFetch = options.fetch ?? fetch;
	// The signal also bounds reading the answer, so no connection outlives the deadline.
	const signal = AbortSignal.timeout(options.timeoutMs);
	try {
		// `manual`: a push service answering 3xx must not make us POST the message wherever it points.
		const response = await doFetch(request.url, { ...request.init, redirect: 'manual', signal });
		const outcome = await classify(response);
		// An unread body keeps the connection (one of only six) open; most failures have already read theirs, and
		// the usual 201 declares none (cancelling its empty stream cost ≈ 4 % of the sender's time in bench c).
		if (!response.bodyUsed && response.headers.get('Content-Length') !== '0')
			await response.body?.cancel().catch(() => undefined);
		return outcome;
	} catch (error) {
		const name = error instanceof Error ? error.name : '';
		if (name === 'TimeoutError' || (name === 'AbortError' && signal.aborted))
			return { status: 'retry', reason: `no answer within ${options.timeoutMs} ms` };
		return {
			status: 'retry',
			reason: `network error: ${error instanceof Error ? error.message : String(error)}`
		};
	}
}

/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. Share one per Worker
 * invocation to keep all outgoing fetches within Cloudflare's 6 simultaneous connections.
 */
export class ConnectionLimiter {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly limit = MAX_CONNECTIONS) {
		if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
	}

	/** How many tasks hold a slot now. */
	get running(): number {
		return this.active;
	}

	/** Runs `task` once a slot is free; the slot is released however the task ends. */
	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
		else this.active += 1;
		try {
			return await task();
		} finally {
			// Hand the slot straight to the next waiter, so a newcomer cannot overtake it.
			const next = this.waiting.shift();
			if (next) next();
			else this.active -= 1;
		}
	}
}

/**
 * Runs `task` over `items` with at most `limit` (default 6, Cloudflare's per-invocation connection limit)
 * running at once; results come back in input order. Like Promise.all it rejects with the first error (tasks
 * already started still finish), so tasks that must not abort the batch should catch their own errors.
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	limit: number = MAX_CONNECTIONS,
	task: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
	const results = new Array<R>(items.length);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < items.length && !failed) {
			const index = next++;
			try {
				// The index is below items.length, so the element exists (noUncheckedIndexedAccess cannot see it).
				results[index] = await task(items[index] as T, index);
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}
