import { env } from 'cloudflare:test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseChange, deliverAnnouncement, type CaseChangeListener } from '../../functions/case-changes';
import { caseChangeListeners } from '../../functions/case-changes/listeners';
import { ANNOUNCEMENT_GRACE_MS } from '../../functions/case-changes/redeliver';
import { getPublicGeneration } from '../../functions/db/settings';
import { liveMessageSchema, type LiveMessage } from '../../src/lib/schemas/live';
import { insertCase } from './helpers/cases';
import { cron } from './helpers/cron';
import { listen } from './helpers/live';
import { clearPartners, createPartner, SHANGHAI } from './helpers/partners';
import { DRAFT, login, ORIGIN, policeFetch } from './helpers/police';
import { HandQueues } from './helpers/queues';
import { callWith } from './helpers/requests';

/** Every (announcement, case, kind) a listener placed last hears: it stands for "each listener heard it". */
const heard: Array<{ announcementId: string; caseId: string; kind: string }> = [];
const recorder: CaseChangeListener = {
	name: 'test-seam-recorder',
	async onCaseChange(_env, row, change, _now, announcementId) {
		heard.push({ announcementId, caseId: row.id, kind: change.kind });
	}
};

beforeAll(() => void caseChangeListeners.push(recorder));
afterAll(() => void caseChangeListeners.splice(caseChangeListeners.indexOf(recorder), 1));
afterEach(() => void (heard.length = 0));

/**
 * The Worker dying right after the change's batch(): the batch commits, then every later D1 call fails, so the
 * route never reaches its announce step (nor anything else after the commit).
 */
function dyingAfterFirstBatch(db: D1Database): D1Database {
	let dead = false;
	return new Proxy(db, {
		get(target, property) {
			if (dead) throw new Error('the Worker died');
			if (property === 'batch')
				return async (statements: D1PreparedStatement[]) => {
					const results = await target.batch(statements);
					dead = true;
					return results;
				};
			const value = Reflect.get(target, property) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		}
	});
}

/** Every live message about `caseId` this socket receives from now on (the helper's next() would leave waiters). */
function collectLive(ws: WebSocket, caseId: string): LiveMessage[] {
	const got: LiveMessage[] = [];
	ws.addEventListener('message', (event) => {
		const message = liveMessageSchema.parse(JSON.parse(event.data as string));
		if (message.type === 'case' && message.case.id === caseId) got.push(message);
	});
	return got;
}

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

async function undelivered(caseId: string): Promise<number> {
	const row = await env.DB.prepare(
		'SELECT count(*) AS n FROM case_announcements WHERE case_id = ? AND delivered_at IS NULL'
	)
		.bind(caseId)
		.first<{ n: number }>();
	return row!.n;
}

describe('the durable seam (issue 18)', () => {
	it('delivers an approval whose Worker died between commit and announce, from the Cron, once', async () => {
		await clearPartners();
		const partnerIds = [
			(await createPartner({ name: 'seam near' })).partner.id,
			(await createPartner({ name: 'seam cell', area: { geohashes: ['wtw'] } })).partner.id
		];
		const officer = await login('demo-officer');
		const approver = await login('demo-approver');
		const created = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, ...SHANGHAI });
		const { id } = (await created.json()) as { id: string };
		const submitted = await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {});
		const { version } = (await submitted.json()) as { version: number };
		const page = await listen('wtw');
		const live = collectLive(page.ws, id);
		const hand = new HandQueues();
		const generation = await getPublicGeneration(env.DB);

		await callWith(
			{ ...hand.env, DB: dyingAfterFirstBatch(env.DB) },
			new Request(`${ORIGIN}/api/police/cases/${id}/approve`, {
				method: 'POST',
				headers: { Origin: ORIGIN, Cookie: approver, 'Content-Type': 'application/json' },
				body: JSON.stringify({ confirm: DRAFT.childName, version })
			})
		);
		// Committed: published, with its announcement waiting; announced: nothing, on any channel.
		const status = await env.DB.prepare('SELECT status FROM cases WHERE id = ?')
			.bind(id)
			.first<{ status: string }>();
		expect(status?.status).toBe('published');
		expect(await undelivered(id)).toBe(1);
		expect(hand.held).toEqual([]);
		expect(heard).toEqual([]);
		expect(await getPublicGeneration(env.DB)).toBe(generation);
		await settle(100);
		expect(live).toEqual([]);

		// Still inside the grace period: the route may yet deliver it, so the Cron leaves it.
		const committedAt = Date.now();
		await cron(new Date(committedAt + ANNOUNCEMENT_GRACE_MS / 2), hand.env);
		expect(heard).toEqual([]);

		// The Cron as in production, twice: every listener hears it once.
		await cron(new Date(committedAt + ANNOUNCEMENT_GRACE_MS + 60_000), hand.env);
		await cron(new Date(committedAt + ANNOUNCEMENT_GRACE_MS + 120_000), hand.env);
		expect(heard.map((h) => [h.caseId, h.kind])).toEqual([[id, 'published']]);
		expect(await undelivered(id)).toBe(0);
		const jobs = hand.held
			.filter((m) => m.queue === 'reunion-fanout')
			.map((m) => m.body as { jobId: string });
		expect(jobs.length).toBeGreaterThan(0);
		expect(new Set(jobs.map((j) => j.jobId)).size).toBe(jobs.length);
		expect(jobs.every((j) => j.jobId.startsWith(`${id}:alert:`))).toBe(true);
		const webhooks = hand.held
			.filter((m) => m.queue === 'reunion-webhooks')
			.map((m) => m.body as { partnerId: string; eventId: string });
		expect(webhooks.map((w) => w.partnerId).sort()).toEqual([...partnerIds].sort());
		expect(new Set(webhooks.map((w) => w.eventId))).toEqual(new Set([`msg_${heard[0]!.announcementId}`]));
		expect(Number(await getPublicGeneration(env.DB))).toBe(Number(generation) + 1);
		await settle();
		expect(live.map((m) => m.type === 'case' && m.kind)).toEqual(['alert']);
		page.ws.close();
	});

	it('retries only the listener that failed, through the queue, and the others hear once', async () => {
		await clearPartners();
		const row = await insertCase({ ...SHANGHAI, radius_km: 30 });
		let failures = 1;
		const flaky: CaseChangeListener = {
			name: 'test-seam-flaky',
			async onCaseChange() {
				if (failures-- > 0) throw new Error('listener down');
			}
		};
		caseChangeListeners.push(flaky);
		try {
			const hand = new HandQueues();
			const recorded = recordCaseChange(env.DB, row.id, { kind: 'updated', text: '进展' });
			await recorded.statement.run();
			const first = await deliverAnnouncement(hand.env, recorded.id, row);
			expect(first.failures).toHaveLength(1);
			expect(await undelivered(row.id)).toBe(1);
			const retry = hand.held.filter(
				(m) => m.queue === 'reunion-fanout' && 'announcementId' in (m.body as object)
			);
			expect(retry.map((m) => m.body)).toEqual([{ announcementId: recorded.id }]);
			const followUps = hand.count('reunion-fanout') - retry.length;

			await hand.drain();
			expect(await undelivered(row.id)).toBe(0);
			expect(heard.filter((h) => h.announcementId === recorded.id)).toHaveLength(1);
			// The push follow-up was started once: its job id holds the announcement's own time.
			expect(followUps).toBe(1);
			// Delivered: a queue copy or a Cron pass finds nothing more to do.
			await deliverAnnouncement(hand.env, recorded.id);
			await cron(new Date(Date.now() + 10 * 60_000), hand.env);
			expect(heard.filter((h) => h.announcementId === recorded.id)).toHaveLength(1);
		} finally {
			caseChangeListeners.splice(caseChangeListeners.indexOf(flaky), 1);
		}
	});
});
