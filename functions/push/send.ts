import type { PushRequest } from './request';

export type PushOutcome =
	| { status: 'delivered'; httpStatus: number; retryAfterSeconds?: undefined; reason?: undefined }
	| { status: 'gone'; httpStatus: number; retryAfterSeconds?: undefined; reason?: undefined }
	| { status: 'retry'; httpStatus?: number; retryAfterSeconds?: number; reason: string }
	| { status: 'failed'; httpStatus?: number; retryAfterSeconds?: undefined; reason: string };

/** POSTs one push message and says what to do next (DESIGN.md "Fan out", RFC 8030 §5–§7). */
export async function sendPush(
	request: PushRequest,
	options: { timeoutMs: number; fetch?: typeof fetch }
): Promise<PushOutcome> {
	const doFetch = options.fetch ?? fetch;
	let response: Response;
	try {
		response = await doFetch(request.url, {
			...request.init,
			signal: AbortSignal.timeout(options.timeoutMs)
		});
	} catch (error) {
		const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
		return {
			status: 'retry',
			reason: timedOut ? `no answer within ${options.timeoutMs} ms` : `network error: ${String(error)}`
		};
	}
	// The body is not needed, but an unread body keeps the connection (one of only six) busy.
	await response.body?.cancel().catch(() => {});
	const status = response.status;
	if (status >= 200 && status < 300) return { status: 'delivered', httpStatus: status };
	if (status === 404 || status === 410) return { status: 'gone', httpStatus: status };
	if (status === 429) {
		return {
			status: 'retry',
			httpStatus: status,
			retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
			reason: 'HTTP 429'
		};
	}
	if (status >= 500)
		return {
			status: 'retry',
			httpStatus: status,
			retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
			reason: `HTTP ${status}`
		};
	return {
		status: 'failed',
		httpStatus: status,
		reason: status === 413 ? 'HTTP 413 payload too large' : `HTTP ${status}`
	};
}

/** RFC 9110 §10.2.3: either delay-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
	if (!value) return undefined;
	if (/^\d+$/.test(value.trim())) return Number(value.trim());
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Runs `task` over `items` with at most `limit` running at once, results in input order. Cloudflare allows 6
 * simultaneous outgoing connections per invocation; local workerd does not enforce it, so we do.
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T) => Promise<R>
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}
