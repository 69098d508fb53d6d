import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { getCaseRow } from '../../functions/db/cases';
import { cron } from './helpers/cron';
import { insertCase, markAlertSent } from './helpers/cases';
import { devicesNorthOf, peer, waitForDeliveries } from './helpers/peer';

const CENTRE = { lat: 34.7466, lon: 113.6254 }; // Zhengzhou

describe('radius growth (Cron)', () => {
	it('widens the circle on schedule and alerts only the new ring', async () => {
		await devicesNorthOf(CENTRE, { near: 50, ring: 150, far: 400 });
		const published = new Date('2026-11-20T08:00:00Z');
		const schedule = JSON.stringify([
			{ afterMinutes: 60, radiusKm: 200 },
			{ afterMinutes: 120, radiusKm: 300 }
		]);
		const row = await insertCase({
			...CENTRE,
			radius_km: 100,
			radius_schedule: schedule,
			published_at: published.toISOString()
		});
		await markAlertSent(row);

		await cron(new Date(published.getTime() + 59 * 60_000));
		expect((await getCaseRow(env.DB, row.id))?.radius_km).toBe(100);

		await cron(new Date(published.getTime() + 61 * 60_000));
		expect((await getCaseRow(env.DB, row.id))?.radius_km).toBe(200);
		await waitForDeliveries(row.id, 'alert', 1);
		expect((await peer.received()).received.map((r) => r.id)).toEqual(['ring']); // not 'near': it was inside 100 km

		await cron(new Date(published.getTime() + 62 * 60_000)); // the same step again does nothing
		const audit = await env.DB.prepare(
			`SELECT count(*) AS n FROM audit_log WHERE action = 'radius_step' AND case_id = ?`
		)
			.bind(row.id)
			.first<{ n: number }>();
		expect(audit?.n).toBe(1);
	});
});
