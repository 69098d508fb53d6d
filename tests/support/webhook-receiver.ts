// A partner's webhook endpoint for tests: records every request it gets, answers with injected statuses first.
// It verifies nothing itself; tests verify what it recorded with the `standardwebhooks` library, as a partner would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A request the receiver got, exactly as sent. */
export interface ReceivedWebhook {
	path: string;
	method: string;
	/** Lower-case header names. */
	headers: Record<string, string>;
	/** The raw body: signatures cover these bytes, so tests verify against it, not a re-serialisation. */
	body: string;
	/** What the receiver answered. */
	status: number;
}

/** The next answers for one path, in order, before it answers 204. */
export interface WebhookFault {
	status: number;
	location?: string;
	/** Waits this long before answering (a slow partner). */
	delayMs?: number;
}

export class WebhookReceiver {
	private server: Server | undefined;
	private received: ReceivedWebhook[] = [];
	private faults = new Map<string, WebhookFault[]>();

	async listen(): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const address = this.server.address();
		if (!address || typeof address === 'string') throw new Error('webhook receiver has no port');
		return `http://127.0.0.1:${address.port}`;
	}

	close(): Promise<void> {
		this.server?.closeAllConnections();
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks).toString('utf8');
		const path = req.url ?? '/';
		if (path.startsWith('/_receiver/')) return this.control(path.slice('/_receiver/'.length), body, res);
		const fault = this.faults.get(path)?.shift();
		if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		const status = fault?.status ?? 204;
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers))
			if (typeof value === 'string') headers[name.toLowerCase()] = value;
		this.received.push({ path, method: req.method ?? '', headers, body, status });
		res.writeHead(status, fault?.location ? { Location: fault.location } : {});
		res.end(status === 204 ? undefined : 'receiver says no');
	}

	private control(command: string, body: string, res: ServerResponse): void {
		if (command === 'reset') {
			this.received = [];
			this.faults.clear();
		} else if (command === 'faults') {
			for (const [path, list] of Object.entries(JSON.parse(body) as Record<string, WebhookFault[]>))
				this.faults.set(path, [...list]);
		} else if (command !== 'received') {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(command === 'received' ? this.received : { ok: true }));
	}
}
