import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../src/lib/geo';
import type { PushMessage } from '../../src/lib/push/notification';
import { quietHoursEnd } from '../../src/lib/quiet-hours/decide';
import type { QuietHours } from '../../src/lib/schemas';
import { setSendingPaused } from '../../functions/db/settings';
import { startFanout } from '../../functions/fanout/plan';
import { insertCase } from './helpers/cases';
import { cron } from './helpers/cron';
import { peer, storeDevices, waitForDeliveries } from './helpers/peer';

// Quiet hours on the server (issue 9): held during the device's hours, released by the Cron trigger as one summary
// per device, checked at the push peer. The clock is controlled through the quiet window itself (the hours around
// the real now, in UTC) and the Cron trigger's scheduledTime.
const CENTRE = { lat: 31.2304, lon: 121.4737 };
const NEAR_CELL = encodeGeohash(CENTRE.lat, CENTRE.lon, 5);
const FAR_CELL = encodeGeohash(CENTRE.lat + 60 / 111.2, CENTRE.lon, 5); // ≈ 60 km north: beyond 25 km

const clock = (minutes: number) => {
	const m = ((minutes % 1440) + 1440) % 1440;
	return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};
/** Quiet hours from an hour ago to an hour from now, on UTC's clock (crossing midnight when now is near it). */
function quietNow(): QuietHours {
	const now = new Date();
	const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
	return { start: clock(minutes - 60), end: clock(minutes + 60), timeZone: 'UTC' };
}

type Device = 'near-quiet' | 'far-quiet' | 'far-loud';
let quiet: QuietHours;

/** Three devices: quiet at the case's cell, quiet 60 km away, and one without quiet hours 60 km away. */
beforeEach(async () => {
	await peer.reset();
	await setSendingPaused(env.DB, false, new Date());
	await env.DB.exec('DELETE FROM subscription_regions; DELETE FROM held_alerts');
	const ids: Device[] = ['near-quiet', 'far-quiet', 'far-loud'];
	const devices = await peer.register(ids);
	await storeDevices(devices.map((d) => ({ ...d, regions: [d.id === 'near-quiet' ? NEAR_CELL : FAR_CELL] })));
	quiet = quietNow();
	const [start, end] = [quiet.start, quiet.end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
	await env.DB.prepare(
		`UPDATE subscription_regions SET quiet_start = ?, quiet_end = ?, quiet_zone = 'UTC' WHERE subscription_id LIKE '%-quiet'`
	)
		.bind(start, end)
		.run();
});

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function publish(lastSeenHoursAgo: number, sentTo: number) {
	const row = await insertCase({ ...CENTRE, radius_km: 100, last_seen_at: hoursAgo(lastSeenHoursAgo) });
	await startFanout(env, row, { kind: 'alert' });
	await waitForDeliveries(row.id, 'alert', sentTo);
	return row;
}

async function heldFor(caseId: string): Promise<string[]> {
	const { results } = await env.DB.prepare(
		`SELECT subscription_id FROM held_alerts WHERE case_id = ? ORDER BY subscription_id`
	)
		.bind(caseId)
		.all<{ subscription_id: string }>();
	return results.map((r) => r.subscription_id);
}

async function received(): Promise<Array<{ id: string; message: PushMessage }>> {
	const { received } = await peer.received();
	return received.map((r) => ({ id: r.id, message: r.payload as PushMessage }));
}

async function summaries(expected: number): Promise<Array<{ id: string; message: PushMessage }>> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const found = (await received()).filter((r) => r.message.kind === 'summary');
		if (found.length >= expected || Date.now() > deadline) return found;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Cron at the end of the quiet hours (its scheduledTime), which releases what they held. */
const endOfQuietHours = () => cron(new Date(quietHoursEnd(quiet, new Date()).getTime() + 1000));

describe('quiet hours on the server', () => {
	it('hold a new alert, except for a child seen under 3 h ago within 25 km of the region', async () => {
		const recent = await publish(1, 2);
		expect(await heldFor(recent.id)).toEqual(['far-quiet']);
		const old = await publish(5, 1);
		expect(await heldFor(old.id)).toEqual(['far-quiet', 'near-quiet']);
		const sent = (await received()).map((r) => `${r.id} ${r.message.caseId}`).sort();
		expect(sent).toEqual([`far-loud ${old.id}`, `far-loud ${recent.id}`, `near-quiet ${recent.id}`].sort());
	});

	it('never hold an update of a case the device was alerted to, and do not send it to a held device', async () => {
		const row = await publish(1, 2);
		await startFanout(env, row, { kind: 'update', text: 'Seen near the station' });
		await waitForDeliveries(row.id, 'update', 2);
		const updates = (await received()).filter((r) => r.message.kind === 'update').map((r) => r.id);
		expect(updates.sort()).toEqual(['far-loud', 'near-quiet']);
	});

	it('release at the end of the hours as one summary per device, which later updates then reach', async () => {
		const recent = await publish(1, 2);
		const old = await publish(5, 1);
		await endOfQuietHours();
		const found = await summaries(2);
		expect(found.map((s) => s.id).sort()).toEqual(['far-quiet', 'near-quiet']);
		const far = found.find((s) => s.id === 'far-quiet')!.message;
		expect(new Set(far.cases)).toEqual(new Set([recent.id, old.id]));
		expect(far.title).toContain('2');
		expect(found.find((s) => s.id === 'near-quiet')!.message).toMatchObject({
			cases: [old.id],
			url: `/cases/${old.id}`
		});
		expect(await heldFor(recent.id)).toEqual([]);
		expect(await heldFor(old.id)).toEqual([]);
		// Counted as reached: the summary's outcome lands on each case's alert rows (1 + 2 sent at once, 2 + 1 later).
		expect(await waitForDeliveries(recent.id, 'alert', 3)).toMatchObject({ selected: 3, settled: 3 });
		expect(await waitForDeliveries(old.id, 'alert', 3)).toMatchObject({ selected: 3, settled: 3 });

		await startFanout(env, old, { kind: 'update', text: 'A new photo' });
		await waitForDeliveries(old.id, 'update', 3);
		expect(
			(await received())
				.filter((r) => r.message.kind === 'update')
				.map((r) => r.id)
				.sort()
		).toEqual(['far-loud', 'far-quiet', 'near-quiet']);
		// A second Cron run finds nothing more to release (a release records its rows before it sends).
		const releases = () =>
			env.DB.prepare(`SELECT count(*) AS n FROM send_batches WHERE job_id = 'quiet-release'`).first<{
				n: number;
			}>();
		const before = await releases();
		await endOfQuietHours();
		expect(await releases()).toEqual(before);
	});

	it('drop an alert held for a case closed meanwhile: no outcome, no summary for an alert never seen', async () => {
		const row = await publish(5, 1);
		expect(await heldFor(row.id)).toEqual(['far-quiet', 'near-quiet']);
		await env.DB.prepare(`UPDATE cases SET status = 'resolved', resolved_at = ? WHERE id = ?`)
			.bind(new Date().toISOString(), row.id)
			.run();
		await startFanout(env, { ...row, status: 'resolved' }, { kind: 'resolved' });
		await waitForDeliveries(row.id, 'resolved', 1);
		await endOfQuietHours();
		expect(await heldFor(row.id)).toEqual([]);
		// Nothing recorded as released (a release records its rows before it sends), and nothing arrived.
		const released = await env.DB.prepare(
			`SELECT count(*) AS n FROM send_batches WHERE case_id = ? AND job_id = 'quiet-release'`
		)
			.bind(row.id)
			.first<{ n: number }>();
		expect(released?.n).toBe(0);
		const messages = (await received()).map((r) => `${r.id} ${r.message.kind}`).sort();
		expect(messages).toEqual(['far-loud alert', 'far-loud resolved']);
	});

	it('keep held alerts while sending is paused, and release them after', async () => {
		const row = await publish(5, 1);
		await setSendingPaused(env.DB, true, new Date());
		await endOfQuietHours();
		expect(await heldFor(row.id)).toEqual(['far-quiet', 'near-quiet']);
		await setSendingPaused(env.DB, false, new Date());
		await endOfQuietHours();
		expect((await summaries(2)).map((s) => s.id).sort()).toEqual(['far-quiet', 'near-quiet']);
	});

	it('never hold an exercise', async () => {
		await env.DB.exec(`UPDATE subscription_regions SET officer_user_id = 'officer-1'`);
		const row = await insertCase({ ...CENTRE, exercise: 1, last_seen_at: hoursAgo(5) });
		await startFanout(env, row, { kind: 'alert' });
		await waitForDeliveries(row.id, 'alert', 3);
		expect(await heldFor(row.id)).toEqual([]);
	});
});
