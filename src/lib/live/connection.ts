import { LIVE_PING } from '../schemas/live-limits';
import type { LiveCaseMessage } from '../schemas/live';

/**
 * The message schema (and with it zod) loads when a socket is first opened, not with every page: most pages of a
 * first visit never open one, and zod would be a third of the home page's first-load JavaScript.
 */
let messageSchema: Promise<(typeof import('../schemas/live'))['liveMessageSchema']> | undefined;
const loadMessageSchema = () =>
	(messageSchema ??= import('../schemas/live').then(
		(module) => module.liveMessageSchema,
		(error: unknown) => {
			messageSchema = undefined; // a chunk that failed to load (offline, new deploy) is tried again next time
			throw error;
		}
	));

/** How the page hears of changes right now: the socket, or polling while the socket cannot open. */
export type LiveMode = 'connecting' | 'live' | 'polling';

/** Reconnect delays grow from 1 s to 60 s (±20 % so many pages dropped at once do not return at once). */
export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 60_000;
/** While the socket is down, `/api/alerts` is read this often: at most one request per region per 20 s. */
export const POLL_INTERVAL_MS = 20_000;
/** A ping every 25 s keeps proxies from closing an idle socket; no answer in 10 s means the socket is dead. */
export const PING_INTERVAL_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;

export interface LiveConnectionOptions {
	url: string;
	onMessage(message: LiveCaseMessage): void;
	/** Re-read the alerts: after every (re)open, and on every polling tick while the socket is down. */
	onResync(): void;
	onModeChange?(mode: LiveMode): void;
	/** Tests pass a fake; pages use the browser's WebSocket (absent in some in-app browsers). */
	createSocket?: (url: string) => WebSocket;
	random?: () => number;
}

export function reconnectDelay(attempt: number, random: () => number): number {
	const base = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt);
	return Math.round(base * (0.8 + 0.4 * random()));
}

/** One page's live socket: reconnects with back-off and polls in between, so a change is never missed for long. */
export class LiveConnection {
	private socket: WebSocket | undefined;
	private attempt = 0;
	private stopped = false;
	private mode: LiveMode = 'connecting';
	private retryTimer: ReturnType<typeof setTimeout> | undefined;
	private pollTimer: ReturnType<typeof setInterval> | undefined;
	private pingTimer: ReturnType<typeof setInterval> | undefined;
	private pongTimer: ReturnType<typeof setTimeout> | undefined;
	/** Messages are handled one after another in arrival order, each once the schema has loaded. */
	private handled: Promise<void> = Promise.resolve();

	constructor(private readonly options: LiveConnectionOptions) {}

	start(): void {
		this.stopped = false;
		this.connect();
	}

	stop(): void {
		this.stopped = true;
		this.clearTimers();
		clearInterval(this.pollTimer);
		this.pollTimer = undefined;
		const socket = this.socket;
		this.socket = undefined;
		socket?.close(1000, 'page closed');
	}

	private connect(): void {
		void loadMessageSchema().catch(() => undefined);
		const create = this.options.createSocket ?? ((url: string) => new WebSocket(url));
		let socket: WebSocket;
		try {
			if (!this.options.createSocket && typeof WebSocket === 'undefined') throw new Error('no WebSocket');
			socket = create(this.options.url);
		} catch {
			this.lost();
			return;
		}
		this.socket = socket;
		socket.addEventListener('open', () => this.opened(socket));
		socket.addEventListener('message', (event) => this.received(event));
		// An error is always followed by close; the close event alone drives reconnection.
		socket.addEventListener('close', () => {
			if (this.socket === socket) this.lost();
		});
	}

	private opened(socket: WebSocket): void {
		this.attempt = 0;
		clearInterval(this.pollTimer);
		this.pollTimer = undefined;
		this.setMode('live');
		this.options.onResync();
		this.pingTimer = setInterval(() => {
			socket.send(LIVE_PING);
			this.pongTimer ??= setTimeout(() => this.dropDead(socket), PONG_TIMEOUT_MS);
		}, PING_INTERVAL_MS);
	}

	private received(event: MessageEvent): void {
		clearTimeout(this.pongTimer);
		this.pongTimer = undefined;
		let parsed: unknown;
		try {
			parsed = JSON.parse(String(event.data));
		} catch {
			return;
		}
		this.handled = this.handled
			.then(loadMessageSchema)
			.then((schema) => {
				const message = schema.safeParse(parsed);
				if (message.success && message.data.type === 'case' && !this.stopped)
					this.options.onMessage(message.data);
			})
			.catch((error: unknown) => console.warn('live message not handled', error));
	}

	// A socket that stopped answering may take minutes to report its close: give up on it now.
	private dropDead(socket: WebSocket): void {
		if (this.socket !== socket) return;
		socket.close(4000, 'no answer to ping');
		this.lost();
	}

	private lost(): void {
		this.socket = undefined;
		this.clearTimers();
		if (this.stopped) return;
		if (!this.pollTimer) {
			this.setMode('polling');
			this.options.onResync();
			this.pollTimer = setInterval(() => this.options.onResync(), POLL_INTERVAL_MS);
		}
		const delay = reconnectDelay(this.attempt++, this.options.random ?? Math.random);
		this.retryTimer = setTimeout(() => this.connect(), delay);
	}

	private clearTimers(): void {
		clearTimeout(this.retryTimer);
		clearInterval(this.pingTimer);
		clearTimeout(this.pongTimer);
		this.retryTimer = this.pingTimer = this.pongTimer = undefined;
	}

	private setMode(mode: LiveMode): void {
		if (mode === this.mode) return;
		this.mode = mode;
		this.options.onModeChange?.(mode);
	}
}
