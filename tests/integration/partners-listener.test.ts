import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { announceCaseChange, type CaseChange } from '../../functions/case-changes';
import type { CaseRow } from '../../functions/db/cases';
import type { WebhookQueueMessage } from '../../functions/webhooks/messages';
import { encodeGeohash } from '../../src/lib/geo';
import { webhookPayloadSchema } from '../../src/lib/schemas';
import { insertCase } from './helpers/cases';
import { clearPartners, createPartner, SHANGHAI } from './helpers/partners';
import { DRAFT, login, ORIGIN, policeFetch } from './helpers/police';
import { callWith } from './helpers/requests';
import { HandQueues } from './helpers/queues';

const BEIJING = { lat: 39.9042, lon: 116.4074 };

let ids: Record<'near' | 'cell' | 'far' | 'test' | 'alertsOnly', string>;

beforeEach(async () => {
	await clearPartners();
	ids = {
		// 50 km around Shanghai, every event.
		near: (await createPartner({ name: 'near' })).partner.id,
		// Shanghai's geohash-3 cell, every event.
		cell: (await createPartner({ name: 'cell', area: { geohashes: ['wtw'] } })).partner.id,
		// Beijing only: a Shanghai case of 100 km never meets it.
		far: (await createPartner({ name: 'far', area: { circles: [{ ...BEIJING, radiusKm: 100 }] } })).partner
			.id,
		// A test partner at Shanghai: exercises only.
		test: (await createPartner({ name: 'test', test: true })).partner.id,
		// Around Shanghai, alerts only.
		alertsOnly: (await createPartner({ name: 'alerts only', events: ['case.alert'] })).partner.id
	};
});

/** Announces a change on the seam with queues held by hand; returns who was queued and the event's body. */
async function announce(row: CaseRow, change: CaseChange) {
	const hand = new HandQueues();
	await announceCaseChange(hand.env, row, change);
	const messages = hand.held
		.filter((m) => m.queue === 'reunion-webhooks')
		.map((m) => m.body as WebhookQueueMessage);
	const eventIds = [...new Set(messages.map((m) => m.eventId))];
	expect(eventIds.length).toBeLessThanOrEqual(1);
	const event = eventIds[0]
		? await env.DB.prepare('SELECT type, case_id, body FROM webhook_events WHERE id = ?')
				.bind(eventIds[0])
				.first<{ type: string; case_id: string; body: string }>()
		: null;
	const names = Object.entries(ids)
		.filter(([, id]) => messages.some((m) => m.partnerId === id))
		.map(([name]) => name)
		.sort();
	expect(messages.every((m) => m.attempt === 1)).toBe(true);
	return {
		names,
		event,
		body: event
			? (JSON.parse(event.body) as {
					type: string;
					timestamp: string;
					data: { case: Record<string, unknown> };
				})
			: null
	};
}

describe('which partners hear a case change', () => {
	it('sends an alert to every real partner whose area the circle meets and who wants alerts', async () => {
		const row = await insertCase({ ...SHANGHAI, radius_km: 100 });
		const { names, body, event } = await announce(row, { kind: 'published' });
		// "cell" serves Shanghai's geohash-3 cell, the one holding the case's point.
		expect(encodeGeohash(row.lat, row.lon, 3)).toBe('wtw');
		expect(names).toEqual(['alertsOnly', 'cell', 'near']);
		expect(event).toMatchObject({ type: 'case.alert', case_id: row.id });
		expect(body!.type).toBe('case.alert');
		expect(Date.parse(body!.timestamp)).not.toBeNaN();
		expect(body!.data.case).toMatchObject({ id: row.id, childName: row.child_name, status: 'published' });
		expect(body!.data.case.signature).toMatchObject({ kid: 'integration-1' });
	});

	it('reaches a partner whose circle only touches the case’s circle', async () => {
		// 140 km north of Shanghai with 100 km: 40 km short of "near" (50 km) would not meet, 100 + 50 = 150 does.
		const north = { lat: SHANGHAI.lat + 140 / 111.195, lon: SHANGHAI.lon };
		const { names } = await announce(await insertCase({ ...north, radius_km: 100 }), { kind: 'published' });
		expect(names).toContain('near');
		const { names: smaller } = await announce(await insertCase({ ...north, radius_km: 80 }), {
			kind: 'published'
		});
		expect(smaller).not.toContain('near');
	});

	it('maps each change to its event, and sends it only to partners that asked for it', async () => {
		const row = await insertCase({ ...SHANGHAI, radius_km: 100 });
		const cases: Array<[CaseChange, string]> = [
			[{ kind: 'updated', text: 'Seen near the station' }, 'case.update'],
			[{ kind: 'radius', fromRadiusKm: 50 }, 'case.radius'],
			[{ kind: 'resolved' }, 'case.resolved'],
			[{ kind: 'withdrawn' }, 'case.withdrawn']
		];
		for (const [change, type] of cases) {
			const { names, body } = await announce(row, change);
			expect(body!.type).toBe(type);
			expect(names).toEqual(['cell', 'near']);
		}
	});

	it('sends nothing for a new photo or for a case cancelled before it was ever public', async () => {
		const row = await insertCase({ ...SHANGHAI });
		expect((await announce(row, { kind: 'photo' })).names).toEqual([]);
		const draft = await insertCase({ ...SHANGHAI, status: 'cancelled', published_at: null });
		expect((await announce(draft, { kind: 'cancelled', wasPublished: false })).names).toEqual([]);
		expect(await env.DB.prepare('SELECT count(*) AS n FROM webhook_events').first('n')).toBe(0);
	});

	it('sends a cancel without the child: only id, status and cancelledAt', async () => {
		const at = new Date().toISOString();
		const row = await insertCase({
			...SHANGHAI,
			status: 'cancelled',
			cancelled_at: at,
			description: 'secret'
		});
		const { names, body, event } = await announce(row, { kind: 'cancelled', wasPublished: true });
		expect(names).toEqual(['cell', 'near']);
		expect(webhookPayloadSchema.safeParse(body).success).toBe(true);
		const { signature, ...rest } = body!.data.case;
		expect(rest).toEqual({ id: row.id, status: 'cancelled', cancelledAt: at });
		expect(signature).toBeDefined();
		for (const field of [row.child_name, 'secret', row.place_name, 'childName', 'photoUrl'])
			expect(event!.body).not.toContain(field);
	});

	it('sends a withdrawal with the case as reduced, even when announced with the row from before', async () => {
		const row = await insertCase({
			...SHANGHAI,
			status: 'resolved',
			child_name: 'Wang Xiaoming',
			photo_key: 'cases/x/p.jpg'
		});
		await env.DB.prepare(`UPDATE cases SET child_name = 'W.', photo_key = NULL, clothing = NULL WHERE id = ?`)
			.bind(row.id)
			.run();
		const { body, event } = await announce(row, { kind: 'withdrawn' });
		expect(body!.type).toBe('case.withdrawn');
		expect(body!.data.case).toMatchObject({ id: row.id, childName: 'W.', photoUrl: null, clothing: null });
		expect(event!.body).not.toContain('Xiaoming');
	});

	it('sends exercises to test partners only, and test partners nothing else', async () => {
		const drill = await insertCase({ ...SHANGHAI, exercise: 1 });
		const { names, body } = await announce(drill, { kind: 'published' });
		expect(names).toEqual(['test']);
		expect(body!.data.case).toMatchObject({ id: drill.id, childName: drill.child_name });
		expect((await announce(drill, { kind: 'resolved' })).names).toEqual(['test']);
	});

	it('sends nothing to a disabled partner', async () => {
		const admin = await login('demo-admin');
		for (const id of [ids.near, ids.cell, ids.alertsOnly])
			await policeFetch(admin, 'PATCH', `/api/police/partners/${id}`, { disabled: true });
		expect((await announce(await insertCase({ ...SHANGHAI }), { kind: 'published' })).names).toEqual([]);
	});
});

describe('partner webhooks beside push', () => {
	it('never keep the push fan-out from starting, even when their queue fails', async () => {
		const row = await insertCase({ ...SHANGHAI, radius_km: 100 });
		const broken = {
			send: async () => {
				throw new Error('queue down');
			},
			sendBatch: async () => {
				throw new Error('queue down');
			}
		} as unknown as Queue;
		const hand = new HandQueues({ WEBHOOKS: broken });
		const { fanoutJobs } = await announceCaseChange(hand.env, row, { kind: 'published' });
		expect(fanoutJobs.length).toBeGreaterThan(0);
		expect(hand.count('reunion-fanout')).toBeGreaterThan(0);
	});

	it('hear an approval through the police API, like every other channel', async () => {
		const officer = await login('demo-officer');
		const approver = await login('demo-approver');
		const created = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, ...SHANGHAI });
		const { id } = (await created.json()) as { id: string };
		const submitted = await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {});
		const { version } = (await submitted.json()) as { version: number };
		const hand = new HandQueues();
		const approved = await callWith(
			hand.env,
			new Request(`${ORIGIN}/api/police/cases/${id}/approve`, {
				method: 'POST',
				headers: { Origin: ORIGIN, Cookie: approver, 'Content-Type': 'application/json' },
				body: JSON.stringify({ confirm: DRAFT.childName, version })
			})
		);
		expect(approved.status).toBe(202);
		const queued = hand.held
			.filter((m) => m.queue === 'reunion-webhooks')
			.map((m) => (m.body as WebhookQueueMessage).partnerId);
		expect(queued.sort()).toEqual([ids.alertsOnly, ids.cell, ids.near].sort());
	});
});
