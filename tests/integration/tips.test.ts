import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCase } from './helpers/cases';
import { login, policeFetch } from './helpers/police';
import { call, errorOf, jsonRequest } from './helpers/requests';

const SHANGHAI = { lat: 31.2304, lon: 121.4737 };
const REFERENCE = /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/;

let address = 0;
/** Each test its own client address, so the rate limit of one never decides another. */
const nextAddress = () => `203.0.113.${++address}`;

function postTip(caseId: string, body: unknown, from = nextAddress()): Promise<Response> {
	return call(jsonRequest('POST', `/api/cases/${caseId}/tips`, body, from));
}

async function tipCount(caseId: string): Promise<number> {
	const row = await env.DB.prepare('SELECT count(*) AS n FROM tips WHERE case_id = ?')
		.bind(caseId)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

describe('POST /api/cases/:id/tips', () => {
	it('stores a tip and answers its id and a reference to quote on the phone', async () => {
		const { id } = await insertCase(SHANGHAI);
		const response = await postTip(id, {
			message: '  在地铁站看到一个穿红衣服的女孩  ',
			seenAt: new Date(Date.now() - 600_000).toISOString(),
			lat: 31.234567,
			lon: 121.476543,
			contact: '13800000000'
		});
		expect(response.status).toBe(201);
		const body = (await response.json()) as { id: string; reference: string };
		expect(body.reference).toMatch(REFERENCE);
		const row = await env.DB.prepare('SELECT * FROM tips WHERE id = ?')
			.bind(body.id)
			.first<Record<string, unknown>>();
		expect(row).toMatchObject({
			case_id: id,
			reference: body.reference,
			message: '在地铁站看到一个穿红衣服的女孩',
			lat: 31.235,
			lon: 121.477,
			contact: '13800000000',
			lang: 'zh-CN',
			status: 'new'
		});
		expect(String(row?.ip_hash)).not.toContain('203.0.113');
	});

	it.each([
		[{ message: '' }, 'message'],
		[{ message: '   ' }, 'message'],
		[{ message: 'x'.repeat(2001) }, 'message'],
		[{}, 'message'],
		[{ message: 'seen', seenAt: new Date(Date.now() + 3600_000).toISOString() }, 'seenAt'],
		[{ message: 'seen', seenAt: 'yesterday' }, 'seenAt'],
		[{ message: 'seen', lat: 31.2 }, 'lon'],
		[{ message: 'seen', lon: 121.4 }, 'lat'],
		[{ message: 'seen', lat: 91, lon: 0 }, 'lat'],
		[{ message: 'seen', lat: '31.2', lon: '121.4' }, 'lat'],
		[{ message: 'seen', contact: 'x'.repeat(201) }, 'contact'],
		[{ message: 'seen', lang: 'fr' }, 'lang']
	])('refuses %j with validation_failed on %s and stores nothing', async (body, field) => {
		const { id } = await insertCase(SHANGHAI);
		const response = await postTip(id, body);
		expect(response.status).toBe(400);
		expect(await errorOf(response)).toMatchObject({ code: 'validation_failed', field });
		expect(await tipCount(id)).toBe(0);
	});

	it('refuses a body that is not JSON (400) or not sent as JSON (415)', async () => {
		const { id } = await insertCase(SHANGHAI);
		const broken = await postTip(id, '{"message":');
		expect(broken.status).toBe(400);
		expect((await errorOf(broken)).code).toBe('invalid_json');
		const form = await call(
			new Request(`https://reunion.test/api/cases/${id}/tips`, {
				method: 'POST',
				headers: { 'Content-Type': 'text/plain', 'CF-Connecting-IP': nextAddress() },
				body: 'message=hi'
			})
		);
		expect(form.status).toBe(415);
		expect(await tipCount(id)).toBe(0);
	});

	it.each([
		['a draft', { status: 'draft' as const }],
		['a pending case', { status: 'pending' as const }],
		['an exercise', { exercise: 1 }]
	])('answers 404 for %s, exactly like an unknown id', async (_, overrides) => {
		const { id } = await insertCase({ ...SHANGHAI, ...overrides });
		const response = await postTip(id, { message: 'seen' });
		expect(response.status).toBe(404);
		expect(await errorOf(response)).toEqual(await errorOf(await postTip('no-such-case', { message: 'x' })));
		expect(await tipCount(id)).toBe(0);
	});

	it('answers 409 for a case that is closed', async () => {
		const { id } = await insertCase({ ...SHANGHAI, status: 'resolved', outcome: 'found_safe' });
		const response = await postTip(id, { message: 'seen' });
		expect(response.status).toBe(409);
		expect(await tipCount(id)).toBe(0);
	});

	it('allows 10 tips per address in 10 minutes, then 429 with Retry-After', async () => {
		const { id } = await insertCase(SHANGHAI);
		const from = nextAddress();
		for (let i = 0; i < 10; i++) expect((await postTip(id, { message: `tip ${i}` }, from)).status).toBe(201);
		const limited = await postTip(id, { message: 'one more' }, from);
		expect(limited.status).toBe(429);
		expect((await errorOf(limited)).code).toBe('rate_limited');
		expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
		expect(Number(limited.headers.get('Retry-After'))).toBeLessThanOrEqual(600);
		expect(await tipCount(id)).toBe(10);
		expect((await postTip(id, { message: 'someone else' })).status).toBe(201);
	});
});

describe('police tips inbox', () => {
	let officer: string;
	beforeAll(async () => {
		officer = await login('demo-national-officer');
	});

	async function caseWithTips(messages: string[]) {
		const row = await insertCase(SHANGHAI);
		const ids: string[] = [];
		for (const message of messages) {
			const response = await postTip(row.id, { message });
			ids.push(((await response.json()) as { id: string }).id);
			// created_at has millisecond resolution: keep "newest first" unambiguous.
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		return { caseId: row.id, tipIds: ids };
	}

	it('answers 401 without a session', async () => {
		const { caseId, tipIds } = await caseWithTips(['one']);
		expect((await policeFetch(null, 'GET', `/api/police/cases/${caseId}/tips`)).status).toBe(401);
		const patch = await policeFetch(null, 'PATCH', `/api/police/tips/${tipIds[0]}`, { status: 'useful' });
		expect(patch.status).toBe(401);
		const row = await env.DB.prepare('SELECT status FROM tips WHERE id = ?')
			.bind(tipIds[0])
			.first<{ status: string }>();
		expect(row?.status).toBe('new');
	});

	it('lists a case’s tips newest first with counts per status', async () => {
		const { caseId } = await caseWithTips(['first', 'second', 'third']);
		const response = await policeFetch(officer, 'GET', `/api/police/cases/${caseId}/tips`);
		expect(response.status).toBe(200);
		const body = (await response.json()) as { tips: Array<{ message: string }>; counts: unknown };
		expect(body.tips.map((t) => t.message)).toEqual(['third', 'second', 'first']);
		expect(body.counts).toEqual({ new: 3, reviewing: 0, useful: 0, dismissed: 0 });
		expect((await policeFetch(officer, 'GET', '/api/police/cases/no-such-case/tips')).status).toBe(404);
	});

	it('triages a tip, writes an audit row, and updates the counts and the case list badge', async () => {
		const { caseId, tipIds } = await caseWithTips(['a', 'b']);
		const patched = await policeFetch(officer, 'PATCH', `/api/police/tips/${tipIds[0]}`, {
			status: 'useful'
		});
		expect(patched.status).toBe(200);
		expect(await patched.json()).toMatchObject({
			id: tipIds[0],
			status: 'useful',
			reviewedBy: 'demo-national-officer'
		});

		const audit = await env.DB.prepare(
			`SELECT username, case_id, detail FROM audit_log WHERE action = 'tip_triage' ORDER BY id DESC LIMIT 1`
		).first<{ username: string; case_id: string; detail: string }>();
		expect(audit).toMatchObject({ username: 'demo-national-officer', case_id: caseId });
		expect(JSON.parse(audit!.detail)).toMatchObject({ status: 'useful' });

		const inbox = (await (await policeFetch(officer, 'GET', `/api/police/cases/${caseId}/tips`)).json()) as {
			counts: Record<string, number>;
		};
		expect(inbox.counts).toEqual({ new: 1, reviewing: 0, useful: 1, dismissed: 0 });

		const list = (await (await policeFetch(officer, 'GET', '/api/police/cases')).json()) as {
			cases: Array<{ id: string; newTips: number }>;
		};
		expect(list.cases.find((c) => c.id === caseId)?.newTips).toBe(1);
		expect(list.cases.every((c) => Number.isInteger(c.newTips))).toBe(true);
	});

	it('refuses an unknown tip (404) and an unknown status (400) without an audit row', async () => {
		const { tipIds } = await caseWithTips(['a']);
		const before = await env.DB.prepare(`SELECT count(*) AS n FROM audit_log`).first<{ n: number }>();
		const unknown = await policeFetch(officer, 'PATCH', '/api/police/tips/t-nope', { status: 'useful' });
		expect(unknown.status).toBe(404);
		const bad = await policeFetch(officer, 'PATCH', `/api/police/tips/${tipIds[0]}`, { status: 'done' });
		expect(bad.status).toBe(400);
		expect(await errorOf(bad)).toMatchObject({ code: 'validation_failed', field: 'status' });
		const after = await env.DB.prepare(`SELECT count(*) AS n FROM audit_log`).first<{ n: number }>();
		expect(after?.n).toBe(before?.n);
	});
});
