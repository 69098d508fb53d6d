import { SELF } from 'cloudflare:test';
import { expect } from 'vitest';
import { liveMessageSchema, type LiveMessage } from '../../../src/lib/schemas/live';

export interface Listener {
	ws: WebSocket;
	next(): Promise<LiveMessage>;
}

/** Opens `GET /api/live` as a page would and queues what arrives, so a test can read messages in order. */
export async function listen(cells: string): Promise<Listener> {
	const response = await SELF.fetch(`https://reunion.test/api/live?cells=${cells}`, {
		headers: { Upgrade: 'websocket' }
	});
	expect(response.status).toBe(101);
	const ws = response.webSocket!;
	const arrived: LiveMessage[] = [];
	const waiting: ((message: LiveMessage) => void)[] = [];
	ws.addEventListener('message', (event) => {
		const message = liveMessageSchema.parse(JSON.parse(event.data as string));
		const waiter = waiting.shift();
		if (waiter) waiter(message);
		else arrived.push(message);
	});
	ws.accept();
	return {
		ws,
		next: () => {
			const ready = arrived.shift();
			return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
		}
	};
}

/** The next message, which must be about a case: its id and kind. */
export async function nextCase(listener: Listener): Promise<{ id: string; kind: string }> {
	const message = await listener.next();
	if (message.type !== 'case') throw new Error(`expected a case message, got ${JSON.stringify(message)}`);
	return { id: message.case.id, kind: message.kind };
}
