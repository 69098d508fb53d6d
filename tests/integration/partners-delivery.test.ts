import { env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { announceCaseChange } from '../../functions/case-changes';
import { setSendingPaused } from '../../functions/db/settings';
import type { Env } from '../../functions/env';
import { verifyAlert, type PublicJwk } from '../../src/lib/signing/alert-signature';
import { webhookPayloadSchema, type WebhookDelivery, type WebhookPayload } from '../../src/lib/schemas';
import { insertCase } from './helpers/cases';
import { adminFetch, clearPartners, createPartner, receiver, SHANGHAI } from './helpers/partners';
import { login } from './helpers/police';
import { HandQueues } from './helpers/queues';
import { call } from './helpers/requests';

/** Local mode, as `npm start` runs: the receiver on 127.0.0.1 is a partner like any other. */
const LOCAL: Partial<Env> = { REUNION_LOCAL: '1' };

beforeEach(async () => {
	await clearPartners();
	await receiver.reset();
	await setSendingPaused(env.DB, false, new Date());
});

/** Runs the WEBHOOKS queue's consumer round after round (every delay passed) until nothing is held. */
async function drainWebhooks(hand: HandQueues, rounds = 12): Promise<number[]> {
	const delays: number[] = [];
	for (let i = 0; i < rounds && hand.count('reunion-webhooks') > 0; i++) {
		await hand.deliver('reunion-webhooks');
		for (const m of hand.held.filter((h) => h.queue === 'reunion-webhooks')) delays.push(m.delaySeconds ?? 0);
	}
	expect(hand.count('reunion-webhooks')).toBe(0);
	return delays;
}

async function deliveryLog(partnerId: string): Promise<WebhookDelivery[]> {
	const admin = await login('demo-admin');
	const response = await adminFetch(admin, 'GET', `/api/police/partners/${partnerId}/deliveries`);
	return ((await response.json()) as { deliveries: WebhookDelivery[] }).deliveries.reverse();
}

async function receivedAt(path: string) {
	return (await receiver.received()).filter((r) => r.path === path);
}

describe('deliveries to a partner’s receiver on 127.0.0.1 (local mode)', () => {
	it('are signed so that standardwebhooks verifies them, and arrive after two failed attempts', async () => {
		const path = '/hooks/flaky';
		const { partner, secret } = await createPartner({ url: `${receiver.origin()}${path}` }, true);
		await receiver.faults({ [path]: [{ status: 500 }, { status: 500 }] });
		const row = await insertCase({ ...SHANGHAI, radius_km: 100 });
		const hand = new HandQueues(LOCAL);
		await announceCaseChange(hand.env, row, { kind: 'published' });
		await drainWebhooks(hand);

		const got = await receivedAt(path);
		expect(got.map((r) => r.status)).toEqual([500, 500, 204]);
		const verifier = new Webhook(secret);
		for (const request of got) {
			expect(request.method).toBe('POST');
			expect(request.headers['content-type']).toBe('application/json');
			const payload = webhookPayloadSchema.parse(verifier.verify(request.body, request.headers));
			expect(payload).toMatchObject({
				type: 'case.alert',
				data: { case: { id: row.id, status: 'published' } }
			});
		}
		// One message, retried: the same id every time (receivers de-duplicate on it), signed afresh each time.
		expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
		expect(got[0]!.headers['webhook-id']).toMatch(/^msg_/);
		expect(() => new Webhook(secret).verify(`${got[2]!.body} `, got[2]!.headers)).toThrow();

		// data.case is the public case, signed like GET /api/cases/:id: checkable with the published keys.
		const keys = (await (
			await call(new Request('https://reunion.test/.well-known/reunion-keys.json'))
		).json()) as {
			keys: PublicJwk[];
		};
		const delivered = JSON.parse(got[2]!.body) as WebhookPayload;
		expect(await verifyAlert(delivered.data.case as Record<string, unknown>, keys.keys)).toBe(true);

		const log = await deliveryLog(partner.id);
		expect(log.map((d) => [d.attempt, d.outcome, d.statusCode])).toEqual([
			[1, 'retrying', 500],
			[2, 'retrying', 500],
			[3, 'delivered', 204]
		]);
		expect(log.every((d) => d.caseId === row.id && d.type === 'case.alert')).toBe(true);
		expect(log[0]!.eventId).toBe(got[0]!.headers['webhook-id']);
		expect(log[2]!.nextAttemptAt).toBeNull();
	});

	it('retry on the Standard Webhooks schedule for over 24 h, then stop, logging every attempt', async () => {
		const path = '/hooks/down';
		const { partner } = await createPartner({ url: `${receiver.origin()}${path}` }, true);
		await receiver.faults({ [path]: Array.from({ length: 10 }, () => ({ status: 503 })) });
		const hand = new HandQueues(LOCAL);
		await announceCaseChange(hand.env, await insertCase({ ...SHANGHAI }), { kind: 'published' });
		const delays = await drainWebhooks(hand);
		expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
		expect(await receivedAt(path)).toHaveLength(8);
		const log = await deliveryLog(partner.id);
		expect(log.map((d) => d.outcome)).toEqual([...Array(7).fill('retrying'), 'failed']);
		const waits = log.slice(0, 7).map((d) => (Date.parse(d.nextAttemptAt!) - Date.parse(d.at)) / 1000);
		expect(waits).toEqual(delays);
		expect(log[7]!.nextAttemptAt).toBeNull();
	});

	it('shortens every wait by WEBHOOK_RETRY_SCALE', async () => {
		const path = '/hooks/scaled';
		await createPartner({ url: `${receiver.origin()}${path}` }, true);
		await receiver.faults({ [path]: [{ status: 500 }, { status: 500 }, { status: 500 }] });
		const hand = new HandQueues({ ...LOCAL, WEBHOOK_RETRY_SCALE: '0.01' });
		await announceCaseChange(hand.env, await insertCase({ ...SHANGHAI }), { kind: 'published' });
		expect(await drainWebhooks(hand)).toEqual([0, 3, 18]);
	});

	it('do not follow a redirect: a 3xx is a failed attempt', async () => {
		const path = '/hooks/moved';
		const { partner } = await createPartner({ url: `${receiver.origin()}${path}` }, true);
		await receiver.faults({ [path]: [{ status: 302, location: `${receiver.origin()}/hooks/elsewhere` }] });
		const hand = new HandQueues(LOCAL);
		await announceCaseChange(hand.env, await insertCase({ ...SHANGHAI }), { kind: 'published' });
		await drainWebhooks(hand);
		expect(await receivedAt('/hooks/elsewhere')).toHaveLength(0);
		const log = await deliveryLog(partner.id);
		expect(log[0]).toMatchObject({ outcome: 'retrying', statusCode: 302, error: 'redirect not followed' });
		expect(log[1]).toMatchObject({ outcome: 'delivered', statusCode: 204 });
	});

	it('carry XSS strings in case fields as plain JSON strings', async () => {
		const path = '/hooks/xss';
		const { secret } = await createPartner({ url: `${receiver.origin()}${path}` }, true);
		const hostile = {
			child_name: '<script>alert("name")</script>',
			place_name: '</title><svg onload=alert(1)>',
			description: '"><img src=x onerror=alert(2)>&amp;',
			clothing: "'; DROP TABLE cases; --"
		};
		const row = await insertCase({ ...SHANGHAI, ...hostile });
		const hand = new HandQueues(LOCAL);
		await announceCaseChange(hand.env, row, { kind: 'published' });
		await drainWebhooks(hand);
		const [request] = await receivedAt(path);
		expect(request!.headers['content-type']).toBe('application/json');
		const payload = new Webhook(secret).verify(request!.body, request!.headers) as WebhookPayload;
		const delivered = payload.data.case as Record<string, unknown>;
		expect(delivered).toMatchObject({
			childName: hostile.child_name,
			placeName: hostile.place_name,
			description: hostile.description,
			clothing: hostile.clothing
		});
		// Exactly JSON's own escaping, nothing HTML-escaped or stripped on the way.
		expect(request!.body).toContain(`"childName":${JSON.stringify(hostile.child_name)}`);
		expect(request!.body).not.toContain('&lt;');
	});

	it('sign with the old secret too while a rotation’s overlap lasts', async () => {
		const path = '/hooks/rotated';
		const { partner, secret: old } = await createPartner({ url: `${receiver.origin()}${path}` }, true);
		const admin = await login('demo-admin');
		const rotated = await adminFetch(admin, 'POST', `/api/police/partners/${partner.id}/rotate-secret`, {
			keepOldHours: 1
		});
		const { secret: fresh } = (await rotated.json()) as { secret: string };
		const hand = new HandQueues(LOCAL);
		await announceCaseChange(hand.env, await insertCase({ ...SHANGHAI }), { kind: 'published' });
		await drainWebhooks(hand);
		const [request] = await receivedAt(path);
		expect(() => new Webhook(old).verify(request!.body, request!.headers)).not.toThrow();
		expect(() => new Webhook(fresh).verify(request!.body, request!.headers)).not.toThrow();
	});

	it('wait while the admins’ pause is on, without spending an attempt', async () => {
		const path = '/hooks/paused';
		const { partner } = await createPartner({ url: `${receiver.origin()}${path}` }, true);
		const hand = new HandQueues(LOCAL);
		await announceCaseChange(hand.env, await insertCase({ ...SHANGHAI }), { kind: 'published' });
		await setSendingPaused(env.DB, true, new Date());
		await hand.deliver('reunion-webhooks');
		expect(hand.held.filter((m) => m.queue === 'reunion-webhooks').map((m) => m.delaySeconds)).toEqual([30]);
		expect(await receivedAt(path)).toHaveLength(0);
		await setSendingPaused(env.DB, false, new Date());
		await drainWebhooks(hand);
		expect((await deliveryLog(partner.id)).map((d) => [d.attempt, d.outcome])).toEqual([[1, 'delivered']]);
	});
});

describe('deliveries outside local mode', () => {
	it('refuse a loopback or private URL at delivery too, without sending anything', async () => {
		const path = '/hooks/was-local';
		// Registered while local mode was on; the Worker now runs without it.
		const local = await createPartner({ url: `${receiver.origin()}${path}` }, true);
		const { partner: lan } = await createPartner({ name: 'lan' });
		await env.DB.prepare(`UPDATE partners SET url = 'https://10.0.0.1/hook' WHERE id = ?`).bind(lan.id).run();
		const hand = new HandQueues();
		await announceCaseChange(hand.env, await insertCase({ ...SHANGHAI }), { kind: 'published' });
		await drainWebhooks(hand);
		expect(await receivedAt(path)).toHaveLength(0);
		for (const id of [local.partner.id, lan.id]) {
			const log = await deliveryLog(id);
			expect(log.map((d) => [d.attempt, d.outcome, d.error])).toEqual([
				[1, 'refused', 'address not allowed']
			]);
		}
	});

	it('drop attempts for a partner deleted or disabled since the event was queued', async () => {
		const path = '/hooks/gone';
		const { partner } = await createPartner({ url: `${receiver.origin()}${path}` }, true);
		const hand = new HandQueues(LOCAL);
		await announceCaseChange(hand.env, await insertCase({ ...SHANGHAI }), { kind: 'published' });
		const admin = await login('demo-admin');
		await adminFetch(admin, 'PATCH', `/api/police/partners/${partner.id}`, { disabled: true });
		await drainWebhooks(hand);
		expect(await receivedAt(path)).toHaveLength(0);
		expect(await deliveryLog(partner.id)).toEqual([]);
	});
});
