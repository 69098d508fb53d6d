import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { decodeGeohash, distanceToCellKm, encodeGeohash } from '../../src/lib/geo';
import { startFanout } from '../../functions/fanout/plan';
import { getCaseRow } from '../../functions/db/cases';
import { insertCase } from './helpers/cases';
import { peer, storeDevices, waitForDeliveries } from './helpers/peer';

const CENTRE = { lat: 31.2304, lon: 121.4737 };
const RADIUS = 100;

/** The cell whose centre lies about `km` from CENTRE on `bearing` (radians). */
function cellAt(km: number, bearing: number): string {
	const d = km / 6371.0088;
	const lat1 = (CENTRE.lat * Math.PI) / 180;
	const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
	const lon2 =
		(CENTRE.lon * Math.PI) / 180 +
		Math.atan2(
			Math.sin(bearing) * Math.sin(d) * Math.cos(lat1),
			Math.cos(d) - Math.sin(lat1) * Math.sin(lat2)
		);
	return encodeGeohash((lat2 * 180) / Math.PI, (lon2 * 180) / Math.PI, 5);
}

/** A deterministic spread: inside, outside, and cell centres within ±1 km of the radius; 1–3 regions each. */
function devicePlan(count: number) {
	let seed = 7;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	return Array.from({ length: count }, (_, i) => {
		const kind = i % 5; // 0,1 inside · 2,3 outside · 4 at the edge
		const km = kind < 2 ? random() * 95 : kind < 4 ? 101 + random() * 150 : RADIUS - 1 + random() * 2;
		const regions = [cellAt(km, random() * 2 * Math.PI)];
		if (i % 7 === 0) regions.push(cellAt(random() * 300, random() * 2 * Math.PI));
		if (i % 11 === 0) regions.push(cellAt(random() * 300, random() * 2 * Math.PI));
		return {
			id: `dev-${String(i).padStart(4, '0')}${i % 9 === 0 ? '-en' : ''}`,
			regions: [...new Set(regions)]
		};
	});
}

function isInside(regions: string[]): boolean {
	return regions.some((g) => distanceToCellKm(CENTRE, g) <= RADIUS);
}

describe('fan-out end to end (queues → sender → push peer)', () => {
	it('reaches exactly the devices inside the radius, once each, through 500s, 429s and 410s', async () => {
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		const plan = devicePlan(2000);
		const registered = await peer.register(plan.map((d) => d.id));
		await storeDevices(registered.map((r, i) => ({ ...r, regions: plan[i]!.regions })));
		const expected = plan.filter((d) => isInside(d.regions)).map((d) => d.id);
		expect(expected.length).toBeGreaterThan(700);
		expect(plan.some((d) => d.regions.some((g) => Math.abs(distanceToCellKm(CENTRE, g) - RADIUS) < 1))).toBe(
			true
		);

		// 10 % answer 500 and 5 % answer 429 (Retry-After: 1) on their first attempt; 20 devices are gone (410).
		const faults: Record<string, Array<{ status: 429 | 500 | 410; retryAfter?: number }>> = {};
		expected.forEach((id, i) => {
			if (i % 10 === 0) faults[id] = [{ status: 500 }];
			else if (i % 20 === 1) faults[id] = [{ status: 429, retryAfter: 1 }];
			else if (i % 50 === 3) faults[id] = [{ status: 410 }];
		});
		await peer.faults(faults);
		const gone = Object.entries(faults)
			.filter(([, f]) => f[0]!.status === 410)
			.map(([id]) => id);

		const row = await insertCase({ ...CENTRE, radius_km: RADIUS, child_name: '测试儿童' });
		const jobs = await startFanout(env, row, { kind: 'alert' });
		expect(await startFanout(env, row, { kind: 'alert' })).toEqual([]); // a second approval starts nothing
		expect(jobs).toHaveLength(1);
		const settled = await waitForDeliveries(row.id, 'alert', expected.length);
		expect(settled.selected).toBe(expected.length);

		const { received, rejected } = await peer.received();
		expect(rejected).toEqual([]);
		const counts = new Map<string, number>();
		for (const r of received) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
		const duplicates = [...counts.values()].filter((n) => n > 1).length;
		console.log(
			`fan-out: ${expected.length} selected of ${plan.length}, ${received.length} received, ${duplicates} duplicates, ${gone.length} gone`
		);
		expect([...counts.keys()].sort()).toEqual(expected.filter((id) => !gone.includes(id)).sort());
		expect(duplicates).toBe(0);
		for (const r of received) {
			expect(r.payload).toMatchObject({ kind: 'alert', caseId: row.id, url: `/cases/${row.id}` });
			expect((r.payload as { title: string }).title).toContain('测试儿童');
			expect(r.headers).toMatchObject({ urgency: 'high', ttl: '86400' });
			expect(r.headers.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
		}
		expect(received.find((r) => r.id.endsWith('-en'))?.payload).toMatchObject({
			title: expect.stringContaining('Missing child')
		});

		const remaining = await env.DB.prepare(
			`SELECT count(*) AS n FROM subscription_regions WHERE subscription_id IN (${gone.map(() => '?').join(',')})`
		)
			.bind(...gone)
			.first<{ n: number }>();
		expect(remaining?.n).toBe(0);

		// An update reaches exactly the devices the alert reached (the gone ones are gone).
		const before = received.length;
		const current = (await getCaseRow(env.DB, row.id))!;
		await startFanout(env, current, { kind: 'update', text: 'Seen near the station' });
		await waitForDeliveries(row.id, 'update', expected.length - gone.length);
		const updates = (await peer.received()).received.slice(before);
		expect(updates.map((r) => r.id).sort()).toEqual(expected.filter((id) => !gone.includes(id)).sort());
		expect(updates[0]!.payload).toMatchObject({ kind: 'update', body: 'Seen near the station' });
	}, 120_000);

	it('records per-batch counts and answers the deliveries endpoint', async () => {
		const { results } = await env.DB.prepare(
			`SELECT selected, delivered, gone, failed, recipients FROM send_batches WHERE kind = 'alert'`
		).all<{
			selected: number;
			delivered: number;
			gone: number;
			failed: number;
			recipients: string;
		}>();
		expect(results.length).toBeGreaterThan(5);
		for (const batch of results) {
			expect(batch.selected).toBeLessThanOrEqual(100);
			expect(JSON.parse(batch.recipients)).toHaveLength(batch.selected);
			expect(batch.delivered + batch.gone + batch.failed).toBe(batch.selected);
		}
	});

	it('sends nothing while paused and resumes where it stopped', async () => {
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		const registered = await peer.register(['p1', 'p2', 'p3']);
		const cell = encodeGeohash(CENTRE.lat, CENTRE.lon, 5);
		await storeDevices(registered.map((r) => ({ ...r, regions: [cell] })));
		await env.DB.prepare(
			`INSERT INTO settings (key, value, updated_at) VALUES ('sending_paused', '1', '') ON CONFLICT (key) DO UPDATE SET value = '1'`
		).run();
		const row = await insertCase({ ...decodeGeohash(cell), radius_km: 10 });
		await startFanout(env, row, { kind: 'alert' });
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect((await peer.received()).received).toEqual([]);
		await env.DB.prepare(`UPDATE settings SET value = '0' WHERE key = 'sending_paused'`).run();
		// Paused messages come back after PAUSE_RECHECK_SECONDS.
		await waitForDeliveries(row.id, 'alert', 3, 90_000);
		expect((await peer.received()).received.map((r) => r.id).sort()).toEqual(['p1', 'p2', 'p3']);
	}, 120_000);
});
