// A push service for tests. Self-contained (only node: modules and http_ece) so that Node can also run it as
// its own process with type stripping (see push-peer-cli.ts): no relative imports, no TS-only runtime syntax.
import { createECDH, randomBytes, webcrypto, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { decrypt } from 'http_ece';

/**
 * What the peer does on the next attempts for one endpoint, in order, before it behaves normally. `status`
 * answers that status instead of accepting; `delayMs` waits first (a slow push service) and then answers
 * `status`, or accepts if none; `times` repeats the fault for that many consecutive attempts (default 1).
 */
export interface Fault {
	status?: number;
	/** Sent as Retry-After (seconds or an HTTP-date); 429 answers carry `1` unless told otherwise. */
	retryAfter?: number | string;
	/** Sent as Location, e.g. with a 3xx status to try a sender into following a redirect. */
	location?: string;
	delayMs?: number;
	times?: number;
}

/**
 * A fault for every endpoint while it lasts (after any queued per-endpoint fault): an outage (`status`), a slow
 * service (`delayMs`) or one that never answers (a `delayMs` past the sender's timeout). `forMs` from when it is
 * set; without it, until cleared.
 */
export interface Conditions {
	status?: number;
	retryAfter?: number | string;
	delayMs?: number;
	forMs?: number;
}

/** A message the peer accepted, decrypted. */
export interface Received {
	id: string;
	/** The plaintext parsed as JSON, or the text itself when it is not JSON. */
	payload: unknown;
	headers: { ttl?: string; topic?: string; urgency?: string };
	/** Size of the encrypted body. */
	bytes: number;
	at: number;
}

/** A request the peer refused on its merits (VAPID, headers, body), as opposed to an injected fault. */
export interface Rejected {
	id: string;
	status: number;
	reason: string;
	at: number;
}

/** What a server (or a browser stub) needs to address a subscriber. */
export interface PeerSubscriber {
	id: string;
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

/** A subscriber's key material: public half for the browser stub and the server, private half for the peer. */
export interface TestSubscriber {
	keys: { p256dh: string; auth: string };
	/** The 32-byte ECDH P-256 private scalar, base64url. */
	privateKey: string;
}

/** Counters since start or the last reset. */
export interface PeerStats {
	attempts: number;
	delivered: number;
	rejected: number;
	faulted: number;
	/** Slow answers whose sender hung up first: not delivered, as the sender saw it. */
	abandoned: number;
	/** Messages beyond the first for the same subscriber. */
	duplicates: number;
	/** Push requests being handled now, and the most ever at once (proves a sender's connection cap). */
	inFlight: number;
	peakInFlight: number;
	byStatus: Record<string, number>;
}

/** Options of {@link startPushPeer}. */
export interface PeerOptions {
	/** The application server's VAPID public key (base64url); settable later (`/_peer/config`, `reset`). */
	vapidPublicKey?: string;
	port?: number;
	host?: string;
	/** Milliseconds since the epoch, for the JWT `exp` check. */
	clock?: () => number;
}

interface Device extends PeerSubscriber {
	ecdh: ECDH;
	auth: Buffer;
}

type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const MAX_BODY_BYTES = 4096;
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);

/** A new subscriber key pair and auth secret (RFC 8291 §3.2), as a browser would create them. */
export function createTestSubscriber(): TestSubscriber {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		keys: {
			p256dh: ecdh.getPublicKey().toString('base64url'),
			auth: randomBytes(16).toString('base64url')
		},
		privateKey: ecdh.getPrivateKey().toString('base64url')
	};
}

/** Decrypts an aes128gcm body (RFC 8291) for a subscriber with http_ece: an implementation independent of ours. */
export function decryptPushBody(body: Uint8Array, subscriber: TestSubscriber): Buffer {
	const ecdh = createECDH('prime256v1');
	ecdh.setPrivateKey(Buffer.from(subscriber.privateKey, 'base64url'));
	const authSecret = Buffer.from(subscriber.keys.auth, 'base64url');
	return decrypt(Buffer.from(body), { version: 'aes128gcm', privateKey: ecdh, authSecret });
}

function deviceFrom(id: string, endpoint: string, subscriber: TestSubscriber): Device {
	const ecdh = createECDH('prime256v1');
	ecdh.setPrivateKey(Buffer.from(subscriber.privateKey, 'base64url'));
	const p256dh = ecdh.getPublicKey().toString('base64url');
	if (p256dh !== subscriber.keys.p256dh.replace(/=+$/, ''))
		throw new Error(`subscriber ${id}: p256dh does not belong to the private key`);
	const auth = Buffer.from(subscriber.keys.auth, 'base64url');
	if (auth.length !== 16) throw new Error(`subscriber ${id}: auth must be 16 bytes`);
	return { id, endpoint, keys: { p256dh, auth: auth.toString('base64url') }, ecdh, auth };
}

/** RFC 8292 §3: `vapid t=<JWT>, k=<key>`, parameters in any order. */
export function parseVapidAuthorization(header: string | undefined): { t: string; k: string } | undefined {
	const match = /^vapid\s+(.+)$/i.exec(header?.trim() ?? '');
	if (!match?.[1]) return undefined;
	const params = new Map<string, string>();
	for (const part of match[1].split(',')) {
		const [name, ...value] = part.trim().split('=');
		if (name) params.set(name.trim().toLowerCase(), value.join('=').trim().replace(/^"|"$/g, ''));
	}
	const [t, k] = [params.get('t'), params.get('k')];
	return t && k ? { t, k } : undefined;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

async function verifyEs256(token: string, key: string): Promise<boolean> {
	const [head, body, signature] = token.split('.');
	if (!head || !body || !signature) return false;
	const raw = Buffer.from(key, 'base64url');
	const sig = Buffer.from(signature, 'base64url');
	// ES256 (RFC 7518 §3.4) is r || s, 64 bytes; anything else (e.g. DER) is a malformed JWT.
	if (raw.length !== 65 || sig.length !== 64) return false;
	const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
	try {
		const publicKey = await webcrypto.subtle.importKey('raw', raw, ecdsa, false, ['verify']);
		const signed = Buffer.from(`${head}.${body}`);
		return await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, signed);
	} catch {
		return false;
	}
}

function checkClaims(token: string, origin: string, nowSeconds: number): string | undefined {
	const [head, body] = token.split('.');
	if (decodeJson(head ?? '')?.alg !== 'ES256') return 'alg is not ES256';
	const claims = decodeJson(body ?? '') ?? {};
	if (claims.aud !== origin) return `aud ${String(claims.aud)} is not ${origin}`;
	const exp = claims.exp;
	if (typeof exp !== 'number' || exp <= nowSeconds || exp > nowSeconds + 24 * 3600)
		return 'exp is not within the next 24 h';
	if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub))
		return 'sub is not a mailto: or https: URI';
	return undefined;
}

/**
 * RFC 8292 as a push service applies it: 401 without a valid ES256 JWT (signature, `aud` = this origin, `exp`
 * within 24 h, `sub` mailto:/https:); 403 when `k` is not the application server key (§4.2).
 */
export async function checkVapid(
	header: string | undefined,
	expectedKey: string | undefined,
	origin: string,
	nowSeconds: number
): Promise<Verdict> {
	const auth = parseVapidAuthorization(header);
	if (!auth) return { ok: false, status: 401, reason: 'no vapid Authorization header' };
	if (!expectedKey) return { ok: false, status: 401, reason: 'the peer has no VAPID public key configured' };
	if (auth.k !== expectedKey.replace(/=+$/, ''))
		return { ok: false, status: 403, reason: 'k is not the application server key' };
	if (!(await verifyEs256(auth.t, auth.k)))
		return { ok: false, status: 401, reason: 'JWT signature does not verify' };
	const problem = checkClaims(auth.t, origin, nowSeconds);
	return problem ? { ok: false, status: 401, reason: problem } : { ok: true };
}

// RFC 8030 §5 headers a push service insists on; undefined when acceptable.
function checkHeaders(req: IncomingMessage): string | undefined {
	const ttl = header(req, 'ttl');
	if (ttl === undefined || !/^\d+$/.test(ttl)) return 'TTL is missing or not a non-negative integer (§5.2)';
	if (header(req, 'content-encoding') !== 'aes128gcm')
		return 'Content-Encoding is not aes128gcm (RFC 8291 §4)';
	const topic = header(req, 'topic');
	if (topic !== undefined && !TOPIC.test(topic)) return 'Topic is not 1–32 base64url characters (§5.4)';
	const urgency = header(req, 'urgency');
	if (urgency !== undefined && !URGENCIES.has(urgency)) return 'Urgency is not a RFC 8030 value (§5.3)';
	return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function reply(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

function parsePlaintext(plaintext: Buffer): unknown {
	const text = plaintext.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function emptyStats(): PeerStats {
	return {
		attempts: 0,
		delivered: 0,
		rejected: 0,
		faulted: 0,
		abandoned: 0,
		duplicates: 0,
		inFlight: 0,
		peakInFlight: 0,
		byStatus: {}
	};
}

/**
 * A push service as senders see it (RFC 8030 §5): on `POST /push/<id>` it applies any injected fault, checks
 * VAPID (RFC 8292), the TTL/Topic/Urgency/Content-Encoding headers and the 4096-byte limit, decrypts the body
 * with the subscriber's private key through http_ece (independent of our sender), records it and answers 201.
 * A JSON control API lives on the same port under /_peer/ for tests in other processes (workerd, Playwright).
 */
export class PushPeer {
	readonly devices = new Map<string, Device>();
	/** Injected faults per subscriber id, consumed one attempt at a time. */
	readonly faults = new Map<string, Fault[]>();
	private conditions: { fault: Fault; untilMs: number } | undefined;
	readonly received: Received[] = [];
	readonly rejected: Rejected[] = [];
	vapidPublicKey: string | undefined;
	origin = '';
	private counters = emptyStats();
	private readonly clock: () => number;
	private readonly server = createServer((req, res) => {
		this.handle(req, res).catch((error: unknown) => reply(res, 500, { error: String(error) }));
	});

	constructor(vapidPublicKey?: string, options: Pick<PeerOptions, 'clock'> = {}) {
		this.vapidPublicKey = vapidPublicKey;
		this.clock = options.clock ?? Date.now;
	}

	/** Total POSTs to push endpoints since start or reset. */
	get attempts(): number {
		return this.counters.attempts;
	}

	/** Binds to `host:port` (port 0: a free one) and returns the origin, e.g. http://127.0.0.1:40123. */
	async listen(port = 0, host = '127.0.0.1'): Promise<string> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, resolve);
		});
		const address = this.server.address();
		if (!address || typeof address === 'string') throw new Error('peer did not bind');
		this.origin = `http://${host}:${address.port}`;
		return this.origin;
	}

	close(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	/** The push endpoint URL of a subscriber id. */
	endpointFor(id: string): string {
		return `${this.origin}/push/${encodeURIComponent(id)}`;
	}

	/**
	 * Registers a subscriber: with the given keys, or else the ones it already has, or else new ones. Hand the
	 * result to the server (as a subscription) or to a browser stub.
	 */
	register(id: string, subscriber?: TestSubscriber): PeerSubscriber {
		const existing = this.devices.get(id);
		if (existing && !subscriber) return { id, endpoint: existing.endpoint, keys: existing.keys };
		const device = deviceFrom(id, this.endpointFor(id), subscriber ?? createTestSubscriber());
		this.devices.set(id, device);
		return { id, endpoint: device.endpoint, keys: device.keys };
	}

	/** A subscriber with its private key, for tests that decrypt on their own. */
	subscriber(id: string): (PeerSubscriber & TestSubscriber) | undefined {
		const device = this.devices.get(id);
		if (!device) return undefined;
		return {
			id,
			endpoint: device.endpoint,
			keys: device.keys,
			privateKey: device.ecdh.getPrivateKey().toString('base64url')
		};
	}

	/** Makes the next `times` attempts for `id` answer `fault` (appended after any faults already queued). */
	failFirst(id: string, times: number, fault: Omit<Fault, 'times'>): void {
		this.faults.set(id, [...(this.faults.get(id) ?? []), { ...fault, times }]);
	}

	/** Sets (or with undefined, clears) the conditions every endpoint meets from now on. */
	setConditions(conditions: Conditions | undefined): void {
		if (!conditions) return void (this.conditions = undefined);
		const { forMs, ...fault } = conditions;
		this.conditions = { fault, untilMs: forMs === undefined ? Infinity : this.clock() + forMs };
	}

	private currentConditions(): Fault | undefined {
		if (this.conditions && this.clock() < this.conditions.untilMs) return this.conditions.fault;
		return undefined;
	}

	stats(): PeerStats {
		const ids = new Set(this.received.map((r) => r.id));
		return {
			...this.counters,
			byStatus: { ...this.counters.byStatus },
			duplicates: this.received.length - ids.size
		};
	}

	/** Messages received per subscriber id. */
	countsById(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const r of this.received) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
		return counts;
	}

	/** Forgets subscribers, faults and everything received; optionally switches the VAPID key. */
	reset(vapidPublicKey?: string): void {
		this.devices.clear();
		this.faults.clear();
		this.conditions = undefined;
		this.received.length = 0;
		this.rejected.length = 0;
		this.counters = emptyStats();
		if (vapidPublicKey !== undefined) this.vapidPublicKey = vapidPublicKey;
	}

	private nextFault(id: string): Fault | undefined {
		const queue = this.faults.get(id);
		const fault = queue?.[0];
		if (!queue || !fault) return undefined;
		if ((fault.times ?? 1) > 1) queue[0] = { ...fault, times: (fault.times ?? 1) - 1 };
		else queue.shift();
		return fault;
	}

	private answer(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
		this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1;
		reply(res, status, body, headers);
	}

	private refuse(res: ServerResponse, id: string, status: number, reason: string): void {
		this.counters.rejected += 1;
		this.rejected.push({ id, status, reason, at: this.clock() });
		this.answer(res, status, { reason });
	}

	// Applies an injected fault; true when it has answered (or the sender has gone) and nothing else may.
	private async applyFault(req: IncomingMessage, res: ServerResponse, fault: Fault): Promise<boolean> {
		if (fault.delayMs) {
			await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
			if (res.destroyed || req.socket.destroyed) {
				this.counters.abandoned += 1;
				return true;
			}
		}
		if (fault.status === undefined) return false;
		this.counters.faulted += 1;
		const retryAfter = fault.retryAfter ?? (fault.status === 429 ? 1 : undefined);
		this.answer(
			res,
			fault.status,
			{ fault: true },
			{
				...(retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) }),
				...(fault.location === undefined ? {} : { Location: fault.location })
			}
		);
		return true;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.origin || 'http://127.0.0.1');
		if (url.pathname.startsWith('/_peer/'))
			return this.control(url, req.method ?? 'GET', await readBody(req), res);
		if (!url.pathname.startsWith('/push/')) return reply(res, 404, { reason: 'no such resource' });
		if (req.method !== 'POST') return reply(res, 405, { reason: 'push messages are POSTed (RFC 8030 §5)' });
		const id = decodeURIComponent(url.pathname.slice('/push/'.length));
		// Counted from the request's arrival, so `peakInFlight` is the sender's number of open requests.
		const counters = this.counters;
		counters.attempts += 1;
		counters.inFlight += 1;
		counters.peakInFlight = Math.max(counters.peakInFlight, counters.inFlight);
		try {
			const body = await readBody(req);
			const fault = this.nextFault(id) ?? this.currentConditions();
			if (fault && (await this.applyFault(req, res, fault))) return;
			await this.accept(req, res, id, body);
		} finally {
			// This request's counters object, even if a reset replaced it meanwhile.
			counters.inFlight -= 1;
		}
	}

	private async accept(req: IncomingMessage, res: ServerResponse, id: string, body: Buffer): Promise<void> {
		const device = this.devices.get(id);
		if (!device) return this.answer(res, 410, { reason: 'no such subscription' });
		const now = Math.floor(this.clock() / 1000);
		const verdict = await checkVapid(req.headers.authorization, this.vapidPublicKey, this.origin, now);
		if (!verdict.ok) return this.refuse(res, id, verdict.status, verdict.reason);
		const problem = checkHeaders(req);
		if (problem) return this.refuse(res, id, 400, problem);
		if (body.length > MAX_BODY_BYTES) return this.refuse(res, id, 413, `body of ${body.length} bytes`);
		let plaintext: Buffer;
		try {
			plaintext = decrypt(body, { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.auth });
		} catch (error) {
			return this.refuse(res, id, 400, `cannot decrypt: ${String(error)}`);
		}
		const headers = { ttl: header(req, 'ttl'), topic: header(req, 'topic'), urgency: header(req, 'urgency') };
		const at = this.clock();
		this.received.push({ id, payload: parsePlaintext(plaintext), headers, bytes: body.length, at });
		this.counters.delivered += 1;
		// RFC 8030 §5: 201 Created with the push message resource in Location.
		this.answer(res, 201, {}, { Location: `${this.origin}/message/${this.received.length}` });
	}

	private control(url: URL, method: string, body: Buffer, res: ServerResponse): void {
		let input: Record<string, unknown>;
		try {
			const parsed: unknown = body.length ? JSON.parse(body.toString('utf8')) : {};
			input = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
		} catch {
			return reply(res, 400, { error: 'the control API takes JSON' });
		}
		try {
			const result = this.route(url, method, input);
			if (result === undefined)
				return reply(res, 404, { error: `no control route ${method} ${url.pathname}` });
			reply(res, 200, result);
		} catch (error) {
			reply(res, 400, { error: error instanceof Error ? error.message : String(error) });
		}
	}

	// The control API; undefined for an unknown route.
	private route(url: URL, method: string, input: Record<string, unknown>): unknown {
		const route = `${method} ${url.pathname.replace(/\/$/, '')}`;
		if (route === 'GET /_peer/health')
			return { ok: true, origin: this.origin, vapidPublicKey: this.vapidPublicKey ?? null };
		if (route === 'POST /_peer/config') {
			if (typeof input.vapidPublicKey === 'string') this.vapidPublicKey = input.vapidPublicKey;
			return { vapidPublicKey: this.vapidPublicKey ?? null };
		}
		if (route === 'POST /_peer/subscribers') return this.registerAll(input);
		if (method === 'GET' && url.pathname.startsWith('/_peer/subscribers/'))
			return this.subscriber(decodeURIComponent(url.pathname.slice('/_peer/subscribers/'.length))) ?? null;
		if (route === 'POST /_peer/faults') {
			for (const [id, faults] of Object.entries(input)) this.faults.set(id, [...(faults as Fault[])]);
			return {};
		}
		if (route === 'POST /_peer/conditions') {
			this.setConditions(Object.keys(input).length ? (input as Conditions) : undefined);
			return {};
		}
		if (route === 'GET /_peer/received') return this.receivedSince(url.searchParams);
		if (route === 'GET /_peer/stats') return this.stats();
		if (route === 'POST /_peer/reset') {
			this.reset(typeof input.vapidPublicKey === 'string' ? input.vapidPublicKey : undefined);
			return {};
		}
		return undefined;
	}

	private registerAll(input: Record<string, unknown>): PeerSubscriber[] {
		const ids = Array.isArray(input.ids) ? (input.ids as string[]) : [];
		const given = Array.isArray(input.subscribers)
			? (input.subscribers as Array<TestSubscriber & { id: string }>)
			: [];
		return [...ids.map((id) => this.register(String(id))), ...given.map((s) => this.register(s.id, s))];
	}

	private receivedSince(params: URLSearchParams) {
		const since = Number(params.get('since') ?? 0);
		const id = params.get('id');
		const received = this.received.slice(since).filter((r) => id === null || r.id === id);
		return { received, rejected: this.rejected, attempts: this.attempts, stats: this.stats() };
	}
}

/** Starts a peer on 127.0.0.1 (a free port unless told) and returns it once it listens. */
export async function startPushPeer(options: PeerOptions = {}): Promise<PushPeer> {
	const peer = new PushPeer(options.vapidPublicKey, { clock: options.clock });
	await peer.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	return peer;
}
