import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPushRequest, topicForCase } from '../../functions/push/request';
import { sendPush } from '../../functions/push/send';
import { generateVapidKeys, VapidSigner } from '../../functions/push/vapid';
import type { PeerStats, PeerSubscriber, Received } from './push-peer';

let child: ChildProcess;
let origin: string;

// Starts the CLI the way Playwright or a wrangler test would, and waits for its {"origin"} line.
beforeAll(async () => {
	child = spawn(process.execPath, ['tests/support/push-peer-cli.ts', '--port', '0'], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
	origin = (JSON.parse(line) as { origin: string }).origin;
});
afterAll(async () => {
	if (child.exitCode === null) {
		child.kill('SIGTERM');
		await once(child, 'exit');
	}
});

async function call<T>(path: string, body?: unknown): Promise<T> {
	const init = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) };
	const response = await fetch(`${origin}/_peer/${path}`, init);
	expect(response.ok).toBe(true);
	return (await response.json()) as T;
}

describe('push peer as its own process', () => {
	it('listens on 127.0.0.1 and is driven entirely through /_peer/', async () => {
		expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const keys = await generateVapidKeys();
		await call('config', { vapidPublicKey: keys.publicKey });
		const [device] = await call<PeerSubscriber[]>('subscribers', { ids: ['cli-1'] });
		await call('faults', { 'cli-1': [{ status: 500 }] });

		const signer = await VapidSigner.create(keys, 'mailto:ops@reunion.example');
		const request = await buildPushRequest(
			{
				subscription: device!,
				payload: { kind: 'alert', caseId: 'c' },
				topic: await topicForCase('c'),
				ttlSeconds: 60
			},
			signer
		);
		expect((await sendPush(request, { timeoutMs: 5000 })).status).toBe('retry');
		expect((await sendPush(request, { timeoutMs: 5000 })).status).toBe('delivered');

		const state = await call<{ received: Received[]; stats: PeerStats }>('received');
		expect(state.received).toMatchObject([{ id: 'cli-1', payload: { kind: 'alert', caseId: 'c' } }]);
		expect(state.stats).toMatchObject({ attempts: 2, faulted: 1, delivered: 1, rejected: 0 });
		await call('reset', {});
		expect(await call<PeerStats>('stats')).toMatchObject({ attempts: 0 });
	});

	it('exits cleanly on SIGTERM', async () => {
		child.kill('SIGTERM');
		const [code] = (await once(child, 'exit')) as [number | null];
		expect(code).toBe(0);
	});
});
