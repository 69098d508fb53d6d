import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { decrypt } from 'http_ece';
import { checkVapid } from './vapid-check';

/** What the peer answers to the next attempts for one endpoint, in order, before it answers 201. */
export type Fault =
	{ status: 429; retryAfter?: number } | { status: 400 | 404 | 410 | 413 | 500 | 503 } | { delayMs: number };

export interface Received {
	id: string;
	payload: unknown;
	headers: { ttl?: string; topic?: string; urgency?: string };
	at: number;
}

export interface PeerSubscriber {
	id: string;
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

interface Device extends PeerSubscriber {
	ecdh: ECDH;
	auth: Buffer;
}

/**
 * A push service for tests (RFC 8030 as far as senders see it): it checks the VAPID JWT, decrypts every body
 * with the subscriber's private key (RFC 8291, via http_ece — independent of our sender) and answers with
 * deterministic faults. Control API under /_peer/ for tests that run in another process (workerd, Playwright).
 */
export class PushPeer {
	readonly devices = new Map<string, Device>();
	readonly faults = new Map<string, Fault[]>();
	readonly received: Received[] = [];
	readonly rejected: Array<{ id: string; reason: string }> = [];
	attempts = 0;
	origin = '';
	private server = createServer((req, res) => void this.handle(req, res));

	constructor(public vapidPublicKey: string) {}

	async listen(port = 0): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		const address = this.server.address();
		if (!address || typeof address === 'string') throw new Error('peer did not bind');
		this.origin = `http://127.0.0.1:${address.port}`;
		return this.origin;
	}

	close(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	/** A subscriber key pair the peer holds; hand `endpoint` and `keys` to the server or the browser stub. */
	register(id: string): PeerSubscriber {
		const ecdh = createECDH('prime256v1');
		ecdh.generateKeys();
		const auth = randomBytes(16);
		const device = {
			id,
			endpoint: `${this.origin}/push/${encodeURIComponent(id)}`,
			keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
			ecdh,
			auth
		};
		this.devices.set(id, device);
		return { id, endpoint: device.endpoint, keys: device.keys };
	}

	reset(): void {
		this.devices.clear();
		this.faults.clear();
		this.received.length = 0;
		this.rejected.length = 0;
		this.attempts = 0;
	}

	countsById(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const r of this.received) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
		return counts;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', this.origin);
		if (url.pathname.startsWith('/_peer/')) return this.control(url, req.method ?? 'GET', body, res);
		const id = decodeURIComponent(url.pathname.replace(/^\/push\//, ''));
		if (req.method !== 'POST' || !url.pathname.startsWith('/push/')) return send(res, 404, {});
		this.attempts += 1;
		const fault = this.faults.get(id)?.shift();
		if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		else if (fault)
			return send(
				res,
				fault.status,
				{},
				fault.status === 429 ? { 'Retry-After': String(fault.retryAfter ?? 1) } : {}
			);
		const device = this.devices.get(id);
		if (!device) return send(res, 410, {});
		const verdict = await checkVapid(
			req.headers.authorization,
			this.vapidPublicKey,
			this.origin,
			Math.floor(Date.now() / 1000)
		);
		if (!verdict.ok) {
			this.rejected.push({ id, reason: verdict.reason ?? 'vapid' });
			return send(res, 403, { reason: verdict.reason });
		}
		try {
			const plaintext = decrypt(body, {
				version: 'aes128gcm',
				privateKey: device.ecdh,
				authSecret: device.auth
			});
			const headers = {
				ttl: header(req, 'ttl'),
				topic: header(req, 'topic'),
				urgency: header(req, 'urgency')
			};
			this.received.push({ id, payload: JSON.parse(plaintext.toString('utf8')), headers, at: Date.now() });
			send(res, 201, {});
		} catch (error) {
			this.rejected.push({ id, reason: `decrypt: ${String(error)}` });
			send(res, 400, { reason: 'cannot decrypt' });
		}
	}

	private control(url: URL, method: string, body: Buffer, res: ServerResponse): void {
		const input = body.length ? (JSON.parse(body.toString()) as Record<string, unknown>) : {};
		if (url.pathname === '/_peer/subscribers' && method === 'POST')
			return send(
				res,
				200,
				(input.ids as string[]).map((id) => this.register(id))
			);
		if (url.pathname === '/_peer/faults' && method === 'POST') {
			for (const [id, faults] of Object.entries(input as Record<string, Fault[]>))
				this.faults.set(id, [...faults]);
			return send(res, 200, {});
		}
		if (url.pathname === '/_peer/received')
			return send(res, 200, { received: this.received, rejected: this.rejected, attempts: this.attempts });
		if (url.pathname === '/_peer/reset' && method === 'POST') {
			this.reset();
			if (typeof input.vapidPublicKey === 'string') this.vapidPublicKey = input.vapidPublicKey;
			return send(res, 200, {});
		}
		send(res, 404, {});
	}
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

function send(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}
