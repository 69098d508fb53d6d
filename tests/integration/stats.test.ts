import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { bumpPublicGeneration } from '../../functions/db/settings';
import { statsSchema } from '../../src/lib/schemas';
import { insertCase } from './helpers/cases';
import { call, jsonRequest } from './helpers/requests';

// A hand-computed fixture (API.md "Statistics"). Months are on Shanghai's clock (wrangler.toml PUBLIC_TIME_ZONE).
const AT = { lat: 31.23, lon: 121.47 };
const resolved = (publishedAt: string, resolvedAt: string, circumstance: 'voluntary' | 'lost' | null) =>
	insertCase({
		...AT,
		status: 'resolved',
		outcome: 'found_safe',
		published_at: publishedAt,
		resolved_at: resolvedAt,
		circumstance
	});

describe('GET /api/stats', () => {
	it('counts published and found children, never exercises, demo or cancelled cases', async () => {
		// Found after 1 h (published 2025-01-01 07:00 Shanghai → January 2025).
		await resolved('2024-12-31T23:00:00Z', '2025-01-01T00:00:00Z', 'voluntary');
		// Found after 4 h, voluntary, January.
		await resolved('2025-01-10T00:00:00Z', '2025-01-10T04:00:00Z', 'voluntary');
		// Found after 49 h, lost; published in February (28 Feb 23:00 UTC = 1 Mar 07:00 Shanghai → March).
		await resolved('2025-02-28T23:00:00Z', '2025-03-03T00:00:00Z', 'lost');
		// Still missing, March.
		await insertCase({ ...AT, published_at: '2025-03-05T00:00:00Z' });
		// Never counted.
		await insertCase({ ...AT, status: 'cancelled', published_at: '2025-01-05T00:00:00Z' });
		await insertCase({ ...AT, exercise: 1, published_at: '2025-01-05T00:00:00Z' });
		await insertCase({
			...AT,
			demo: 1,
			status: 'resolved',
			published_at: '2025-01-05T00:00:00Z',
			resolved_at: '2025-01-05T01:00:00Z'
		});
		await insertCase({ ...AT, status: 'draft', published_at: null });

		const response = await call(new Request('https://reunion.test/api/stats'));
		expect(response.status).toBe(200);
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
		const stats = statsSchema.parse(await response.json());
		expect(stats).toMatchObject({
			published: 4,
			resolved: 3,
			recoveryRate: 0.75,
			medianHoursToRecovery: 4,
			byCircumstance: { voluntary: 2, lost: 1, abducted: 0, other: 0, unknown: 0 }
		});
		expect(stats.monthly.slice(0, 3)).toEqual([
			{ month: '2025-01', published: 2, resolved: 2 },
			{ month: '2025-02', published: 0, resolved: 0 },
			{ month: '2025-03', published: 2, resolved: 1 }
		]);
		// Every month up to now follows, as zeros: nothing else was published.
		expect(stats.monthly.slice(3).every((m) => m.published === 0 && m.resolved === 0)).toBe(true);
	});
});

async function sendBatch(caseId: string, kind: string, delivered: number) {
	await env.DB.prepare(
		`INSERT INTO send_batches (id, case_id, kind, job_id, recipients, selected, delivered, created_at, updated_at)
		 VALUES (?1, ?2, ?3, 'job', '[]', ?4, ?4, '', '')`
	)
		.bind(crypto.randomUUID(), caseId, kind, delivered)
		.run();
}

describe('a resolved case’s numbers', () => {
	it('counts devices the alert reached, clues received and hours to resolution', async () => {
		// A demo case (public, never in the statistics), so the hand-computed totals above hold in any order.
		const open = await insertCase({ ...AT, demo: 1, published_at: '2025-05-01T00:00:00Z' });
		for (const message of ['seen at the station', 'seen in the park'])
			expect(
				(await call(jsonRequest('POST', `/api/cases/${open.id}/tips`, { message }, '192.0.2.80'))).status
			).toBe(201);
		await sendBatch(open.id, 'alert', 5);
		await sendBatch(open.id, 'alert', 3); // a radius step's ring
		await sendBatch(open.id, 'update', 7); // the same people again: not more people reached
		const before = (await (await call(new Request(`https://reunion.test/api/cases/${open.id}`))).json()) as {
			numbers?: unknown;
		};
		expect(before.numbers).toBeUndefined();

		await env.DB.prepare(
			`UPDATE cases SET status = 'resolved', outcome = 'found_safe', resolved_at = '2025-05-02T01:30:00Z' WHERE id = ?`
		)
			.bind(open.id)
			.run();
		// As the resolve route's case-change listener does: public answers are edge-cached per generation.
		await bumpPublicGeneration(env.DB, new Date());
		const after = (await (await call(new Request(`https://reunion.test/api/cases/${open.id}`))).json()) as {
			numbers?: unknown;
		};
		expect(after.numbers).toEqual({ reached: 8, tips: 2, hoursToResolution: 25.5 });
	});
});
