import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPushPeer, type Fault, type PushPeer } from '../../tests/support/push-peer';
import { buildPushRequest, topicForCase, type PushRequest } from './request';
import { ConnectionLimiter, mapWithConcurrency, parseRetryAfter, sendPush } from './send';
import { generateVapidKeys, VapidSigner } from './vapid';

let peer: PushPeer;
let signer: VapidSigner;
beforeAll(async () => {
	const keys = await generateVapidKeys();
	peer = await startPushPeer({ vapidPublicKey: keys.publicKey });
	signer = await VapidSigner.create(keys, 'mailto:ops@reunion.example');
});
afterAll(() => peer.close());
beforeEach(() => peer.reset());

async function requestFor(
	id: string,
	payload: object = { kind: 'alert', caseId: 'case-1', id }
): Promise<PushRequest> {
	const subscription = peer.register(id);
	return buildPushRequest(
		{ subscription, payload, topic: await topicForCase('case-1'), ttlSeconds: 3600, urgency: 'high' },
		signer
	);
}

describe('sendPush against the test push service', () => {
	it('cancels an unread answer body (it would hold one of six connections), but not a declared empty one', async () => {
		const answer = (headers: Record<string, string>) => {
			const seen = { cancelled: false };
			const body = new ReadableStream({ cancel: () => void (seen.cancelled = true) });
			return { seen, fetch: async () => new Response(body, { status: 201, headers }) };
		};
		const withBody = answer({ 'Content-Length': '12' });
		const empty = answer({ 'Content-Length': '0' });
		const request = await requestFor('body-1');
		expect(await sendPush(request, { timeoutMs: 5000, fetch: withBody.fetch })).toEqual({
			status: 'delivered',
			httpStatus: 201
		});
		expect(await sendPush(request, { timeoutMs: 5000, fetch: empty.fetch })).toEqual({
			status: 'delivered',
			httpStatus: 201
		});
		expect([withBody.seen.cancelled, empty.seen.cancelled]).toEqual([true, false]);
	});

	it('round trip: the peer verifies VAPID, decrypts the payload and sees TTL, Urgency and Topic', async () => {
		const outcome = await sendPush(await requestFor('ok-1'), { timeoutMs: 5000 });
		expect(outcome).toEqual({ status: 'delivered', httpStatus: 201 });
		expect(peer.rejected).toEqual([]);
		expect(peer.received).toEqual([
			{
				id: 'ok-1',
				payload: { kind: 'alert', caseId: 'case-1', id: 'ok-1' },
				headers: { ttl: '3600', urgency: 'high', topic: await topicForCase('case-1') },
				bytes: expect.any(Number),
				at: expect.any(Number)
			}
		]);
	});

	it.each<[string, Fault, object]>([
		[
			'429 with Retry-After',
			{ status: 429, retryAfter: 1 },
			{ status: 'retry', httpStatus: 429, retryAfterSeconds: 1 }
		],
		[
			'429 with an HTTP-date',
			{ status: 429, retryAfter: new Date(Date.now() + 60_000).toUTCString() },
			{ status: 'retry', retryAfterSeconds: expect.any(Number) }
		],
		['500', { status: 500 }, { status: 'retry', httpStatus: 500 }],
		[
			'503 with Retry-After',
			{ status: 503, retryAfter: 30 },
			{ status: 'retry', httpStatus: 503, retryAfterSeconds: 30 }
		],
		['410', { status: 410 }, { status: 'gone', httpStatus: 410 }],
		['404', { status: 404 }, { status: 'gone', httpStatus: 404 }],
		[
			'400',
			{ status: 400 },
			{ status: 'failed', httpStatus: 400, reason: expect.stringMatching(/^HTTP 400/) }
		],
		[
			'413',
			{ status: 413 },
			{ status: 'failed', httpStatus: 413, reason: expect.stringMatching(/^HTTP 413 payload too large/) }
		]
	])('classifies %s, and the next attempt is delivered', async (_, fault, expected) => {
		const request = await requestFor('faulty');
		peer.failFirst('faulty', 1, fault);
		expect(await sendPush(request, { timeoutMs: 5000 })).toMatchObject(expected);
		expect(await sendPush(request, { timeoutMs: 5000 })).toEqual({ status: 'delivered', httpStatus: 201 });
		expect(peer.stats()).toMatchObject({ attempts: 2, faulted: 1, delivered: 1 });
	});

	it('gives up on a slow push service after its own timeout (a retry) while the others are delivered', async () => {
		const slow = await requestFor('slow');
		peer.failFirst('slow', 1, { delayMs: 1500 });
		const fast = await Promise.all(['f1', 'f2', 'f3'].map((id) => requestFor(id)));
		const started = Date.now();
		const outcomes = await Promise.all([slow, ...fast].map((r) => sendPush(r, { timeoutMs: 300 })));
		expect(Date.now() - started).toBeLessThan(1200);
		expect(outcomes[0]).toEqual({ status: 'retry', reason: 'no answer within 300 ms' });
		expect(outcomes.slice(1).map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered']);
		await new Promise((resolve) => setTimeout(resolve, 1300));
		expect(peer.stats().abandoned).toBe(1);
		expect(peer.received.map((r) => r.id).sort()).toEqual(['f1', 'f2', 'f3']);
	});

	it('reports a failed VAPID check (403, wrong key) as failed with the reason', async () => {
		const other = await VapidSigner.create(await generateVapidKeys(), 'mailto:x@reunion.example');
		const subscription = peer.register('forged');
		const request = await buildPushRequest(
			{ subscription, payload: {}, topic: 'abc', ttlSeconds: 60 },
			other
		);
		expect(await sendPush(request, { timeoutMs: 5000 })).toMatchObject({
			status: 'failed',
			httpStatus: 403,
			reason: expect.stringContaining('k is not the application server key')
		});
	});

	it('never follows a redirect: a 307 is one POST, failed with its reason, and the target gets nothing', async () => {
		const request = await requestFor('moved');
		const target = peer.register('elsewhere').endpoint;
		peer.failFirst('moved', 1, { status: 307, location: target });
		expect(await sendPush(request, { timeoutMs: 5000 })).toEqual({
			status: 'failed',
			httpStatus: 307,
			reason: `HTTP 307 redirect not followed (to ${target})`
		});
		expect(peer.stats()).toMatchObject({ attempts: 1, faulted: 1, delivered: 0 });
		expect(peer.countsById().get('elsewhere')).toBeUndefined();
		expect(peer.received).toEqual([]);
	});

	it('keeps at most 6 requests open at the push service through mapWithConcurrency', async () => {
		const requests = await Promise.all(Array.from({ length: 30 }, (_, i) => requestFor(`c${i}`)));
		for (let i = 0; i < 30; i++) peer.failFirst(`c${i}`, 1, { delayMs: 20 });
		const outcomes = await mapWithConcurrency(requests, 6, (r) => sendPush(r, { timeoutMs: 5000 }));
		expect(outcomes.every((o) => o.status === 'delivered')).toBe(true);
		expect(peer.stats().peakInFlight).toBe(6);
		expect(peer.countsById().size).toBe(30);
	});

	it('turns a refused connection into a retry', async () => {
		const request = await requestFor('closed');
		const outcome = await sendPush(
			{ ...request, url: 'http://127.0.0.1:1/push/closed' },
			{ timeoutMs: 2000 }
		);
		expect(outcome).toMatchObject({ status: 'retry', reason: expect.stringMatching(/^network error/) });
	});
});

describe('sendPush with a stub fetch', () => {
	const request: PushRequest = {
		url: 'https://push.example/x',
		init: { method: 'POST', headers: {}, body: new Uint8Array(0) }
	};
	const answer = (status: number, headers: Record<string, string> = {}, body = '') =>
		sendPush(request, {
			timeoutMs: 1000,
			fetch: async () => new Response(body || null, { status, headers })
		});

	it.each([
		[200, 'delivered'],
		[202, 'delivered'],
		[201, 'delivered'],
		[408, 'retry'],
		[502, 'retry'],
		[401, 'failed'],
		[403, 'failed']
	])('%i → %s', async (status, expected) => {
		expect((await answer(status)).status).toBe(expected);
	});

	it('quotes a short, single-line excerpt of the push service’s reason', async () => {
		const outcome = await answer(400, {}, `invalid\n  JWT ${'x'.repeat(500)}`);
		expect(outcome.reason).toMatch(/^HTTP 400: invalid JWT x+$/);
		expect(outcome.reason!.length).toBeLessThanOrEqual(220);
	});

	it('times out a fetch that never answers', async () => {
		const never: typeof fetch = (_, init) =>
			new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
		expect(await sendPush(request, { timeoutMs: 50, fetch: never })).toEqual({
			status: 'retry',
			reason: 'no answer within 50 ms'
		});
	});
});

describe('Retry-After (RFC 9110 §10.2.3)', () => {
	it('reads delay-seconds and HTTP-dates, and ignores nonsense', () => {
		const now = Date.UTC(2026, 10, 25, 12, 0, 0);
		expect(parseRetryAfter('120', now)).toBe(120);
		expect(parseRetryAfter(' 0 ', now)).toBe(0);
		expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30);
		expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter('-5', now)).toBeUndefined();
		expect(parseRetryAfter(null, now)).toBeUndefined();
	});
});

describe('connection cap (Cloudflare: 6 simultaneous outgoing connections per invocation)', () => {
	async function observe(run: (task: (i: number) => Promise<number>) => Promise<number[]>) {
		let running = 0;
		let peak = 0;
		const results = await run(async (i) => {
			running += 1;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setTimeout(resolve, 1 + ((i * 7) % 5)));
			running -= 1;
			return i * 2;
		});
		return { peak, results };
	}

	it('mapWithConcurrency never runs more than 6 and keeps input order', async () => {
		const items = Array.from({ length: 50 }, (_, i) => i);
		const { peak, results } = await observe((task) => mapWithConcurrency(items, 6, task));
		expect(peak).toBe(6);
		expect(results).toEqual(items.map((i) => i * 2));
	});

	it('ConnectionLimiter shared by several callers never runs more than 6, even when tasks fail', async () => {
		const limiter = new ConnectionLimiter();
		const items = Array.from({ length: 50 }, (_, i) => i);
		const { peak } = await observe(async (task) => {
			const settled = await Promise.allSettled(
				items.map((i) => limiter.run(async () => (i % 9 === 0 ? Promise.reject(new Error('x')) : task(i))))
			);
			return settled.map((s) => (s.status === 'fulfilled' ? s.value : -1));
		});
		expect(peak).toBeLessThanOrEqual(6);
		expect(limiter.running).toBe(0);
	});

	it('mapWithConcurrency rejects with the first error and starts nothing new afterwards', async () => {
		let started = 0;
		const run = mapWithConcurrency(
			Array.from({ length: 20 }, (_, i) => i),
			2,
			async (i) => {
				started += 1;
				if (i === 1) throw new Error('boom');
				await new Promise((resolve) => setTimeout(resolve, 5));
				return i;
			}
		);
		await expect(run).rejects.toThrow('boom');
		expect(started).toBeLessThan(5);
		await expect(mapWithConcurrency([], 0, async () => 0)).rejects.toThrow(RangeError);
	});
});
