import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { cron } from './helpers/cron';
import { jpegWithGps } from './helpers/images';
import { DRAFT, login, ORIGIN, policeFetch } from './helpers/police';
import { call, jsonRequest } from './helpers/requests';

// Retention reduces a found child's case but never rewrites the hash-chained audit log (it cannot: the table is
// append-only). So no audit row may carry the child's details, only the case's id. Every police action that
// concerns a case is driven here with text that is easy to find, then every audit row of those cases is searched.
const CHILD = {
	...DRAFT,
	childName: '审计测试童甲',
	placeName: '审计测试广场乙',
	clothing: '审计测试红外套',
	description: '审计测试胎记丙',
	contactPhone: '13911112222',
	lat: 30.123456,
	lon: 120.654321
};
const SIGHTING = { lat: 30.223344, lon: 120.554433, placeName: '审计测试车站丁', seenAt: '' };
const SECRETS = [
	CHILD.childName,
	CHILD.placeName,
	CHILD.clothing,
	CHILD.description,
	CHILD.contactPhone,
	'30.12',
	'120.65',
	SIGHTING.placeName,
	'30.22',
	'120.55',
	'审计测试更新文字',
	'审计测试撤回理由',
	'审计测试结案文字',
	'审计测试线索内容',
	'13700001111'
];
// Every audit action that names a case (README "Every police action writes an audit row").
const CASE_ACTIONS = [
	'create',
	'edit',
	'photo',
	'submit',
	'approve',
	'publish',
	'update',
	'propose_radius',
	'approve_radius',
	'reject_radius',
	'radius_step',
	'tip_triage',
	'resolve',
	'retention',
	'cancel'
];

let officer: string, approver: string;

async function ok(response: Response | Promise<Response>, status: number): Promise<Record<string, unknown>> {
	const answered = await response;
	if (answered.status !== status) throw new Error(`${answered.status}: ${await answered.text()}`);
	return answered.status === 204 ? {} : ((await answered.json()) as Record<string, unknown>);
}

async function publish(extra: Record<string, unknown> = {}): Promise<string> {
	const { id } = (await ok(
		policeFetch(officer, 'POST', '/api/police/cases', { ...CHILD, ...extra }),
		201
	)) as {
		id: string;
	};
	await ok(policeFetch(officer, 'PATCH', `/api/police/cases/${id}`, { clothing: CHILD.clothing }), 200);
	const photo = await SELF.fetch(`${ORIGIN}/api/police/cases/${id}/photo`, {
		method: 'PUT',
		headers: { Origin: ORIGIN, Cookie: officer, 'Content-Type': 'image/jpeg' },
		body: jpegWithGps()
	});
	await ok(photo, 200);
	const { version } = (await ok(policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {}), 200)) as {
		version: number;
	};
	await ok(
		policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, { confirm: CHILD.childName, version }),
		202
	);
	return id;
}

async function auditRows(ids: string[]): Promise<Record<string, unknown>[]> {
	const { results } = await env.DB.prepare(
		`SELECT * FROM audit_log WHERE case_id IN (${ids.map(() => '?').join(',')}) ORDER BY id`
	)
		.bind(...ids)
		.all<Record<string, unknown>>();
	return results;
}

describe('audit rows name cases by id, never by the child', () => {
	const ids: string[] = [];

	beforeAll(async () => {
		// Zhejiang lies outside the Shanghai demo users' unit (API.md "Police units"): the ministry's duty officers.
		officer = await login('demo-national-officer');
		approver = await login('demo-national-approver');
		const seenAt = new Date(Date.now() - 600_000).toISOString();

		// A case that is updated, widened twice (one proposal approved, one rejected), tipped, resolved, retained.
		const found = await publish();
		ids.push(found);
		await ok(
			policeFetch(officer, 'POST', `/api/police/cases/${found}/updates`, {
				text: '审计测试更新文字',
				sighting: { ...SIGHTING, seenAt }
			}),
			201
		);
		await ok(
			policeFetch(officer, 'POST', `/api/police/cases/${found}/updates`, {
				text: '审计测试更新文字',
				radiusKm: 150
			}),
			201
		);
		await ok(
			policeFetch(approver, 'POST', `/api/police/cases/${found}/approve-radius`, { radiusKm: 150 }),
			202
		);
		await ok(
			policeFetch(officer, 'POST', `/api/police/cases/${found}/updates`, {
				text: '审计测试更新文字',
				radiusKm: 250
			}),
			201
		);
		await ok(policeFetch(approver, 'POST', `/api/police/cases/${found}/reject-radius`, {}), 200);
		const tip = (await ok(
			call(
				jsonRequest('POST', `/api/cases/${found}/tips`, {
					message: '审计测试线索内容',
					contact: '13700001111',
					seenAt,
					lat: SIGHTING.lat,
					lon: SIGHTING.lon
				})
			),
			201
		)) as { id: string };
		await ok(policeFetch(officer, 'PATCH', `/api/police/tips/${tip.id}`, { status: 'useful' }), 200);
		await ok(
			policeFetch(officer, 'POST', `/api/police/cases/${found}/resolve`, {
				outcome: 'found_safe',
				circumstance: 'lost',
				text: '审计测试结案文字'
			}),
			200
		);
		const days = Number(env.RETENTION_DAYS ?? '7') + 1;
		await cron(new Date(Date.now() + days * 24 * 3600_000));

		// A case whose radius grows on the Cron trigger, then is cancelled with a reason.
		const growing = await publish({
			radiusSchedule: [{ afterMinutes: 60, radiusKm: 200 }]
		});
		ids.push(growing);
		await cron(new Date(Date.now() + 61 * 60_000));
		await ok(
			policeFetch(approver, 'POST', `/api/police/cases/${growing}/cancel`, { reason: '审计测试撤回理由' }),
			200
		);
	});

	it('writes a row for every case action, each naming its case by id', async () => {
		const rows = await auditRows(ids);
		expect(new Set(rows.map((row) => row.action))).toEqual(new Set(CASE_ACTIONS));
		for (const row of rows) expect(ids).toContain(row.case_id);
	});

	it('keeps the child’s name, places, coordinates, texts and contacts out of every row', async () => {
		const rows = await auditRows(ids);
		// Timestamps are left out: "…T15:49:30.123Z" holds "30.12" by chance, not a coordinate.
		const text = (row: Record<string, unknown>) =>
			JSON.stringify(row).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?/g, '<time>');
		const leaks = rows.flatMap((row) =>
			SECRETS.filter((secret) => text(row).includes(secret)).map(
				(secret) => `${String(row.action)}: ${secret}`
			)
		);
		expect(leaks).toEqual([]);
	});

	it('leaves the chain whole after retention reduced the case', async () => {
		const check = await policeFetch(await login('demo-admin'), 'GET', '/api/police/audit/verify');
		expect(await ok(check, 200)).toMatchObject({ ok: true });
	});
});
