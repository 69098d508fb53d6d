import type { WebhookEventType } from '../../src/lib/schemas';
import type { CaseRow } from '../db/cases';
import { listActivePartners, type PartnerWithSecrets } from '../db/partners';
import { insertWebhookEvent } from '../db/webhook-deliveries';
import type { Env } from '../env';
import { randomId } from '../lib/hash';
import { signedPublicCase } from '../public-http/public-case';
import { areaMeetsCircle } from './area';
import type { WebhookQueueMessage } from './messages';

/** Queues.sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

/**
 * The partners a case event goes to: those who asked for the event and whose area the case's circle meets.
 * Exercises go to test partners only, and test partners get nothing else, so a partner's test endpoint never
 * shows a real child and its real one never shows a drill.
 */
export function partnersFor(
	partners: PartnerWithSecrets[],
	row: Pick<CaseRow, 'exercise' | 'lat' | 'lon' | 'radius_km'>,
	type: WebhookEventType
): PartnerWithSecrets[] {
	const exercise = row.exercise === 1;
	const circle = { lat: row.lat, lon: row.lon, radiusKm: row.radius_km };
	return partners.filter(
		(p) => !p.disabled && p.test === exercise && p.events.includes(type) && areaMeetsCircle(p.area, circle)
	);
}

/**
 * Stores one event for a case change and queues its first attempt to every partner it concerns. The body is the
 * Standard Webhooks payload with the signed public case (a cancel carries only `{ id, status, cancelledAt }`).
 * Returns the partners queued. `eventId` names the event when it is one announcement's (the same id on every
 * delivery of it: the event is stored once and re-queued, and partners drop the copy by its `webhook-id`).
 */
export async function enqueueCaseEvent(
	env: Env,
	row: CaseRow,
	type: WebhookEventType,
	now: Date,
	eventId = `msg_${randomId(16)}`
): Promise<number> {
	const partners = partnersFor(await listActivePartners(env.DB, now), row, type);
	if (partners.length === 0) return 0;
	const { signed } = await signedPublicCase(env, row);
	// The shape of WebhookPayload (src/lib/schemas/partners.ts); partners-delivery.test.ts parses deliveries with it.
	const payload = { type, timestamp: now.toISOString(), data: { case: signed } };
	const event = { id: eventId, type, caseId: row.id, body: JSON.stringify(payload) };
	await insertWebhookEvent(env.DB, event, now);
	for (let i = 0; i < partners.length; i += SEND_BATCH) {
		await env.WEBHOOKS.sendBatch(
			partners.slice(i, i + SEND_BATCH).map((p) => ({
				body: { eventId: event.id, partnerId: p.id, attempt: 1 } satisfies WebhookQueueMessage,
				contentType: 'json' as const
			}))
		);
	}
	return partners.length;
}
