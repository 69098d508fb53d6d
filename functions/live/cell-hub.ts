import { DurableObject } from 'cloudflare:workers';
import { LIVE_PING } from '../../src/lib/schemas/live';
import {
	addGuestHome,
	createHubTables,
	dropGuestHome,
	guestHomes,
	heldMessages,
	holdMessage,
	releaseHeldMessage
} from '../db/live-hub';
import { isSendingPaused } from '../db/settings';
import type { Env } from '../env';
import {
	hubFor,
	HUB_NAME_HEADER,
	LIVE_CELLS_HEADER,
	LIVE_CLIENT_HEADER,
	MAX_CLIENT_FRAME_BYTES,
	MAX_SOCKETS_PER_ADDRESS
} from './hubs';

/** The answer to a client's ping, sent by the runtime without waking the object (API.md's `{ type: "ping" }`). */
export const PING_REPLY = JSON.stringify({ type: 'ping' });
/** While sending is paused, held messages are looked at again this often. */
export const HELD_RECHECK_MS = 15_000;

interface SocketAttachment {
	cells: string[];
}

/**
 * The open pages of one geohash-3 cell (or one shard of a dense cell). Sockets are accepted with the WebSocket
 * Hibernation API: an idle object is evicted from memory while its sockets stay open, so each socket keeps its
 * cells in its tags and attachment, never in a field of this class.
 *
 * A socket listening to several cells lives in the object of its first cell (its home); the first shard of each
 * other cell keeps the home in `guests` and forwards that cell's messages to it.
 */
export class CellHub extends DurableObject<Env> {
	private readonly sql: SqlStorage;

	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		this.sql = ctx.storage.sql;
		createHubTables(this.sql);
		ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(LIVE_PING, PING_REPLY));
	}

	/** Accepts a socket routed here by `GET /api/live` (functions/live/route.ts), which checked the request. */
	async fetch(request: Request): Promise<Response> {
		const cells = (request.headers.get(LIVE_CELLS_HEADER) ?? '').split(',').filter(Boolean);
		const home = request.headers.get(HUB_NAME_HEADER) ?? '';
		// A tag per client address: the runtime counts its sockets here without waking any of them.
		const clientTag = `client:${request.headers.get(LIVE_CLIENT_HEADER) ?? ''}`;
		if (this.ctx.getWebSockets(clientTag).length >= MAX_SOCKETS_PER_ADDRESS) {
			return Response.json(
				{
					error: {
						code: 'rate_limited',
						message: 'Too many live connections from this address. Close some pages and try again.'
					}
				},
				{ status: 429, headers: { 'Retry-After': '60' } }
			);
		}
		const pair = new WebSocketPair();
		const [client, server] = [pair[0], pair[1]];
		this.ctx.acceptWebSocket(server, [...cells, clientTag]);
		server.serializeAttachment({ cells } satisfies SocketAttachment);
		await Promise.all(cells.slice(1).map((cell) => hubFor(this.env, cell, 0).addGuest(home)));
		return new Response(null, { status: 101, webSocket: client });
	}

	/**
	 * Sends a message to this object's sockets for `cell`; the first shard (`forward`) also passes it to the
	 * homes of sockets that listen to `cell` from another object. While an admin has paused sending, the message
	 * is held here, in order, until sending resumes. Returns the sockets reached at once.
	 */
	async deliver(cell: string, message: string, forward: boolean): Promise<number> {
		if (await isSendingPaused(this.env.DB)) {
			holdMessage(this.sql, cell, message, forward);
			if ((await this.ctx.storage.getAlarm()) === null)
				await this.ctx.storage.setAlarm(Date.now() + HELD_RECHECK_MS);
			return 0;
		}
		return (await this.releaseHeld()) + (await this.dispatch(cell, message, forward));
	}

	/** A message forwarded by another cell's first shard; that object already looked at the pause. */
	async deliverAsGuest(cell: string, message: string): Promise<number> {
		return this.sendLocal(cell, message);
	}

	async addGuest(home: string): Promise<void> {
		addGuestHome(this.sql, home, Date.now());
	}

	/** Sockets open here, per cell (tests and operators read it; it never wakes a socket). */
	async socketCount(cell?: string): Promise<number> {
		return this.ctx.getWebSockets(cell).length;
	}

	async alarm(): Promise<void> {
		if (await isSendingPaused(this.env.DB)) {
			await this.ctx.storage.setAlarm(Date.now() + HELD_RECHECK_MS);
			return;
		}
		await this.releaseHeld();
	}

	async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
		// Clients only ping, and the runtime answers that without waking us: whatever reaches here is not ours to
		// read. Closing (RFC 6455 §7.4.1: 1009 too big, 1008 policy) frees the socket instead of letting a client
		// push megabytes into an object that ignores them.
		const size = typeof message === 'string' ? message.length : message.byteLength;
		const [code, reason] =
			size > MAX_CLIENT_FRAME_BYTES ? [1009, 'message too big'] : [1008, 'unexpected message'];
		try {
			ws.close(code, reason);
		} catch {
			// Already closing.
		}
	}

	async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
		try {
			ws.close(code, reason);
		} catch {
			// Already closed from this side.
		}
	}

	private async releaseHeld(): Promise<number> {
		let reached = 0;
		for (const held of heldMessages(this.sql)) {
			releaseHeldMessage(this.sql, held.seq);
			reached += await this.dispatch(held.cell, held.message, held.forward);
		}
		return reached;
	}

	private async dispatch(cell: string, message: string, forward: boolean): Promise<number> {
		const local = this.sendLocal(cell, message);
		return forward ? local + (await this.forwardToGuests(cell, message)) : local;
	}

	private sendLocal(cell: string, message: string): number {
		let sent = 0;
		for (const ws of this.ctx.getWebSockets(cell)) {
			try {
				ws.send(message);
				sent++;
			} catch {
				// A socket closing meanwhile; its close event tidies up.
			}
		}
		return sent;
	}

	// A home that no longer has a socket for this cell is dropped, unless it registered again since we started:
	// that keeps `guests` from growing without a close event to count on.
	private async forwardToGuests(cell: string, message: string): Promise<number> {
		const startedAt = Date.now();
		const homes = guestHomes(this.sql);
		const counts = await Promise.all(
			homes.map((home) => hubNamed(this.env, home).deliverAsGuest(cell, message))
		);
		homes.forEach((home, i) => {
			if (counts[i] === 0) dropGuestHome(this.sql, home, startedAt);
		});
		return counts.reduce((sum, count) => sum + count, 0);
	}
}

function hubNamed(env: Env, name: string) {
	return env.LIVE.get(env.LIVE.idFromName(name));
}
