import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { setSendingPaused } from '../../functions/db/settings';
import { broadcastCaseChange } from '../../functions/live/broadcast';
import { PING_REPLY } from '../../functions/live/cell-hub';
import { hubFor } from '../../functions/live/hubs';
import { insertCase } from './helpers/cases';
import { listen, nextCase, type Listener } from './helpers/live';

const SHANGHAI = { lat: 31.23, lon: 121.47 };
const BEIJING = { lat: 39.9, lon: 116.4 };

async function caseIdOf(listener: Listener): Promise<string> {
	return (await nextCase(listener)).id;
}

afterEach(async () => {
	await setSendingPaused(env.DB, false, new Date());
});

describe('GET /api/live', () => {
	it('answers 426 without the upgrade and 400 for anything but 1–3 geohash-3 cells', async () => {
		const plain = await SELF.fetch('https://reunion.test/api/live?cells=wtw');
		expect(plain.status).toBe(426);
		expect(await plain.json()).toMatchObject({ error: { code: 'upgrade_required' } });
		for (const cells of ['', 'wt', 'wtwx', 'wtw,wx4,w3g,ws1', 'aaa']) {
			const response = await SELF.fetch(`https://reunion.test/api/live?cells=${cells}`, {
				headers: { Upgrade: 'websocket' }
			});
			expect(response.status, cells).toBe(400);
			expect(await response.json()).toMatchObject({ error: { code: 'validation_failed', field: 'cells' } });
		}
	});

	it('sends a case change to the cells its circle meets and no others', async () => {
		const shanghai = await listen('wtw');
		const beijing = await listen('wx4');
		const near = await insertCase(SHANGHAI);
		const at = new Date('2026-11-28T01:02:03.000Z');
		await broadcastCaseChange(env, near, 'alert', at);
		const message = await shanghai.next();
		expect(message).toMatchObject({
			type: 'case',
			kind: 'alert',
			at: at.toISOString(),
			case: { id: near.id }
		});
		// Beijing's first message is its own case: the Shanghai one never reached it.
		const far = await insertCase(BEIJING);
		await broadcastCaseChange(env, far, 'update');
		expect(await caseIdOf(beijing)).toBe(far.id);
	});

	it('never sends an exercise', async () => {
		const shanghai = await listen('wtw');
		const exercise = await insertCase({ ...SHANGHAI, exercise: 1 });
		expect(await broadcastCaseChange(env, exercise, 'alert')).toBe(0);
		const real = await insertCase(SHANGHAI);
		expect(await broadcastCaseChange(env, real, 'alert')).toBeGreaterThan(0);
		expect(await caseIdOf(shanghai)).toBe(real.id);
	});

	it('keeps sockets with the Hibernation API and answers pings without waking the object', async () => {
		const shanghai = await listen('wtw');
		const hub = hubFor(env, 'wtw', 0);
		await runInDurableObject(hub, (_instance, state) => {
			const sockets = state.getWebSockets('wtw');
			expect(sockets.length).toBeGreaterThan(0);
			expect(sockets.every((ws) => state.getTags(ws).includes('wtw'))).toBe(true);
			expect(sockets.at(-1)!.deserializeAttachment()).toEqual({ cells: ['wtw'] });
			expect(state.getWebSocketAutoResponse()?.response).toBe(PING_REPLY);
		});
		shanghai.ws.send('ping');
		expect(await shanghai.next()).toEqual({ type: 'ping' });
	});

	it('spreads the sockets of a dense cell over its shards and reaches every one', async () => {
		const listeners = await Promise.all(Array.from({ length: 12 }, () => listen('wx4')));
		const perShard = await Promise.all(
			[0, 1, 2].map((shard) => hubFor(env, 'wx4', shard).socketCount('wx4'))
		);
		expect(perShard.filter((count) => count > 0).length).toBeGreaterThan(1);
		const before = perShard.reduce((sum, count) => sum + count, 0);
		const row = await insertCase(BEIJING);
		expect(await broadcastCaseChange(env, row, 'alert')).toBeGreaterThanOrEqual(3);
		// Every socket of this test, whichever shard holds it, gets the case (earlier tests' sockets may too).
		expect(before).toBeGreaterThanOrEqual(listeners.length);
		for (const listener of listeners) expect(await caseIdOf(listener)).toBe(row.id);
	});

	it('reaches a socket that listens to several cells from the home of its first cell', async () => {
		const both = await listen('wtw,wx4');
		const row = await insertCase(BEIJING);
		await broadcastCaseChange(env, row, 'alert');
		expect(await caseIdOf(both)).toBe(row.id);
	});

	it('holds live messages while sending is paused and sends them in order on resume', async () => {
		const shanghai = await listen('wtw');
		await setSendingPaused(env.DB, true, new Date());
		const first = await insertCase(SHANGHAI);
		const second = await insertCase(SHANGHAI);
		await broadcastCaseChange(env, first, 'alert');
		await broadcastCaseChange(env, second, 'alert');
		const hub = hubFor(env, 'wtw', 0);
		const held = await runInDurableObject(hub, async (_instance, state) => ({
			rows: state.storage.sql.exec('SELECT COUNT(*) AS n FROM held').one().n,
			alarm: await state.storage.getAlarm()
		}));
		expect(held.rows).toBe(2);
		expect(held.alarm).not.toBeNull();
		// Still paused: the alarm keeps the messages and looks again later.
		expect(await runDurableObjectAlarm(hub)).toBe(true);
		await setSendingPaused(env.DB, false, new Date());
		expect(await runDurableObjectAlarm(hub)).toBe(true);
		expect(await caseIdOf(shanghai)).toBe(first.id);
		expect(await caseIdOf(shanghai)).toBe(second.id);
	});
});
