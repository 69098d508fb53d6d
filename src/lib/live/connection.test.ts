import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	LiveConnection,
	PING_INTERVAL_MS,
	POLL_INTERVAL_MS,
	PONG_TIMEOUT_MS,
	reconnectDelay,
	RECONNECT_MAX_MS,
	type LiveMode
} from './connection';

/** Stands in for the browser's WebSocket: the test opens, closes and feeds it. */
class FakeSocket extends EventTarget {
	sent: string[] = [];
	closed = false;
	send(data: string) {
		this.sent.push(data);
	}
	close() {
		this.closed = true;
	}
	open() {
		this.dispatchEvent(new Event('open'));
	}
	drop() {
		this.dispatchEvent(new Event('close'));
	}
	deliver(data: unknown) {
		this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
	}
}

const summary = {
	id: 'c1',
	status: 'published',
	childName: 'A',
	age: 5,
	sex: 'female',
	photoUrl: null,
	lastSeenAt: '2026-11-28T01:00:00+08:00',
	placeName: 'P',
	lat: 31,
	lon: 121,
	radiusKm: 100,
	publishedAt: '2026-11-28T01:10:00+08:00',
	demo: false,
	issuer: { code: '310000', name: '上海市公安局' }
};

function setup() {
	const sockets: FakeSocket[] = [];
	const modes: LiveMode[] = [];
	const onMessage = vi.fn();
	const onResync = vi.fn();
	const connection = new LiveConnection({
		url: 'ws://test/api/live?cells=wtw',
		onMessage,
		onResync,
		onModeChange: (mode) => modes.push(mode),
		createSocket: () => {
			const socket = new FakeSocket();
			sockets.push(socket);
			return socket as unknown as WebSocket;
		},
		random: () => 0.5
	});
	connection.start();
	return { connection, sockets, modes, onMessage, onResync };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('LiveConnection', () => {
	it('passes case messages on, ignores pings and garbage, and re-reads the alerts on open', async () => {
		const { sockets, onMessage, onResync, modes } = setup();
		sockets[0]!.open();
		expect(modes).toEqual(['live']);
		expect(onResync).toHaveBeenCalledTimes(1);
		sockets[0]!.deliver({ type: 'ping' });
		sockets[0]!.deliver({ type: 'case', kind: 'nonsense', case: summary });
		sockets[0]!.dispatchEvent(new MessageEvent('message', { data: '{not json' }));
		sockets[0]!.deliver({ type: 'case', kind: 'update', case: summary, at: '2026-11-28T01:20:00.000Z' });
		// The schema loads with the first socket (a dynamic import), so messages are handled a moment later.
		await vi.waitFor(() => expect(onMessage).toHaveBeenCalled());
		expect(onMessage).toHaveBeenCalledTimes(1);
		expect(onMessage.mock.calls[0]![0]).toMatchObject({
			kind: 'update',
			at: '2026-11-28T01:20:00.000Z',
			case: { id: 'c1' }
		});
	});

	it('polls while the socket is down, reconnects with growing delays, and stops polling once back', () => {
		const { sockets, onResync, modes } = setup();
		sockets[0]!.drop();
		expect(modes).toEqual(['polling']);
		expect(onResync).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(1_000);
		expect(sockets).toHaveLength(2);
		sockets[1]!.drop();
		vi.advanceTimersByTime(1_999);
		expect(sockets).toHaveLength(2);
		vi.advanceTimersByTime(1);
		expect(sockets).toHaveLength(3);
		vi.advanceTimersByTime(POLL_INTERVAL_MS - 3_000);
		expect(onResync).toHaveBeenCalledTimes(2);
		sockets[2]!.open();
		expect(modes).toEqual(['polling', 'live']);
		// The reopen re-read the alerts; polling has stopped.
		expect(onResync).toHaveBeenCalledTimes(3);
		vi.advanceTimersByTime(POLL_INTERVAL_MS);
		expect(onResync).toHaveBeenCalledTimes(3);
	});

	it('pings, and drops a socket that stops answering', () => {
		const { sockets, modes } = setup();
		sockets[0]!.open();
		vi.advanceTimersByTime(PING_INTERVAL_MS);
		expect(sockets[0]!.sent).toEqual(['ping']);
		sockets[0]!.deliver({ type: 'ping' });
		vi.advanceTimersByTime(PING_INTERVAL_MS + PONG_TIMEOUT_MS);
		expect(sockets[0]!.closed).toBe(true);
		expect(modes).toEqual(['live', 'polling']);
	});

	it('polls at once where the browser has no WebSocket', () => {
		const onResync = vi.fn();
		const connection = new LiveConnection({
			url: 'ws://test/api/live?cells=wtw',
			onMessage: vi.fn(),
			onResync,
			createSocket: () => {
				throw new Error('blocked');
			}
		});
		connection.start();
		expect(onResync).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(POLL_INTERVAL_MS);
		expect(onResync).toHaveBeenCalledTimes(2);
		connection.stop();
		vi.advanceTimersByTime(POLL_INTERVAL_MS * 5);
		expect(onResync).toHaveBeenCalledTimes(2);
	});

	it('caps the reconnect delay', () => {
		expect(reconnectDelay(0, () => 0.5)).toBe(1_000);
		expect(reconnectDelay(30, () => 1)).toBe(RECONNECT_MAX_MS * 1.2);
		expect(reconnectDelay(30, () => 0)).toBe(RECONNECT_MAX_MS * 0.8);
	});
});
