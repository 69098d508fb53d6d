import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAlert, type PublicJwk } from '../../src/lib/signing/alert-signature';
import { errorOf } from './helpers/requests';
import { createPartner } from './helpers/partners';
import { DRAFT, login, ORIGIN, policeFetch } from './helpers/police';
import { SELF } from 'cloudflare:test';

// API.md "Police units" with local mode's demo tree: 公安部 (demo-admin) → 上海市公安局 (demo-officer,
// demo-approver) and 湖北省公安厅 (demo-hubei-approver) → 武汉市公安局 (demo-wuhan-officer, demo-wuhan-approver).

const WUHAN = { lat: 30.5928, lon: 114.3055, placeName: '武汉市江汉区' };
const SHANGHAI = { lat: 31.2304, lon: 121.4737, placeName: '上海市人民广场' };

let sh: { officer: string; approver: string };
let wh: { officer: string; approver: string; hubei: string };
let admin: string;

beforeAll(async () => {
	sh = { officer: await login('demo-officer'), approver: await login('demo-approver') };
	wh = {
		officer: await login('demo-wuhan-officer'),
		approver: await login('demo-wuhan-approver'),
		hubei: await login('demo-hubei-approver')
	};
	admin = await login('demo-admin');
});

interface PoliceCase {
	id: string;
	version: number;
	status: string;
	unitId: string;
	priorUnitId: string | null;
	approvalUnit?: { id: string; name: string; approvers: string[] } | null;
}

async function draft(cookie: string, fields: Record<string, unknown>): Promise<PoliceCase> {
	const created = await policeFetch(cookie, 'POST', '/api/police/cases', { ...DRAFT, ...fields });
	expect(created.status).toBe(201);
	const { id } = (await created.json()) as { id: string };
	const submitted = await policeFetch(cookie, 'POST', `/api/police/cases/${id}/submit`, {});
	return (await submitted.json()) as PoliceCase;
}

function approve(cookie: string, c: PoliceCase, extra: Record<string, unknown> = {}) {
	return policeFetch(cookie, 'POST', `/api/police/cases/${c.id}/approve`, {
		confirm: DRAFT.childName,
		version: c.version,
		...extra
	});
}

async function caseIds(cookie: string): Promise<string[]> {
	const body = (await (await policeFetch(cookie, 'GET', '/api/police/cases')).json()) as {
		cases: { id: string }[];
	};
	return body.cases.map((c) => c.id);
}

describe('jurisdiction', () => {
	it('refuses a Shanghai officer pinning in Wuhan with 403 outside_jurisdiction, naming 武汉市公安局', async () => {
		const response = await policeFetch(sh.officer, 'POST', '/api/police/cases', { ...DRAFT, ...WUHAN });
		expect(response.status).toBe(403);
		const error = await errorOf(response);
		expect(error.code).toBe('outside_jurisdiction');
		expect(error.message).toContain('武汉市公安局');
		// Moving a Shanghai draft's pin to Wuhan is refused the same way.
		const created = await policeFetch(sh.officer, 'POST', '/api/police/cases', { ...DRAFT, ...SHANGHAI });
		const { id } = (await created.json()) as { id: string };
		const moved = await policeFetch(sh.officer, 'PATCH', `/api/police/cases/${id}`, {
			lat: WUHAN.lat,
			lon: WUHAN.lon
		});
		expect((await errorOf(moved)).code).toBe('outside_jurisdiction');
	});

	it('keeps Wuhan’s case from Shanghai: not listed, 404 to read, 404 to approve', async () => {
		const wuhan = await draft(wh.officer, WUHAN);
		expect(wuhan.unitId).toBe('unit-wuhan');
		expect(await caseIds(sh.officer)).not.toContain(wuhan.id);
		expect(await caseIds(sh.approver)).not.toContain(wuhan.id);
		expect(await caseIds(wh.approver)).toContain(wuhan.id);
		expect(await caseIds(wh.hubei)).toContain(wuhan.id);
		expect(await caseIds(admin)).toContain(wuhan.id);
		for (const path of ['', '/tips', '/deliveries', '/audience', '/cap'])
			expect((await policeFetch(sh.officer, 'GET', `/api/police/cases/${wuhan.id}${path}`)).status).toBe(404);
		expect((await approve(sh.approver, wuhan)).status).toBe(404);
		// …and the other way round.
		const shanghai = await draft(sh.officer, SHANGHAI);
		expect(await caseIds(wh.officer)).not.toContain(shanghai.id);
		expect((await approve(wh.approver, shanghai)).status).toBe(404);
		expect((await approve(wh.hubei, shanghai)).status).toBe(404);
		expect((await approve(sh.approver, shanghai)).status).toBe(202);
	});
});

describe('approval beyond a unit’s maxRadiusKm', () => {
	it('a 500 km growth step from Wuhan needs 湖北省公安厅; without growth Wuhan approves alone', async () => {
		const schedule = [
			{ afterMinutes: 60, radiusKm: 300 },
			{ afterMinutes: 120, radiusKm: 500 }
		];
		const growing = await draft(wh.officer, { ...WUHAN, radiusSchedule: schedule });
		const read = (await (
			await policeFetch(wh.approver, 'GET', `/api/police/cases/${growing.id}`)
		).json()) as PoliceCase;
		// Who can give it: the province, and the approvers of it or a unit above (the ministry's admin), by name.
		expect(read.approvalUnit).toMatchObject({
			id: 'unit-hubei',
			name: '湖北省公安厅',
			radiusKm: 500,
			limitKm: 300
		});
		const approvers = await env.DB.prepare(
			`SELECT display_name AS name FROM users WHERE unit_id IN ('unit-hubei', 'root') AND role IN ('approver', 'admin')
			AND disabled = 0`
		).all<{ name: string }>();
		expect([...read.approvalUnit!.approvers].sort()).toEqual(approvers.results.map((r) => r.name).sort());
		expect(read.approvalUnit!.approvers.length).toBeGreaterThanOrEqual(2);
		const refused = await approve(wh.approver, growing, { radiusGrowth: true });
		expect(refused.status).toBe(403);
		const error = await errorOf(refused);
		expect(error.code).toBe('higher_unit_required');
		expect(error.message).toContain('湖北省公安厅');
		expect((await approve(wh.hubei, growing, { radiusGrowth: true })).status).toBe(202);

		const plain = await draft(wh.officer, { ...WUHAN, radiusSchedule: schedule });
		expect((await approve(wh.approver, plain, { radiusGrowth: false })).status).toBe(202);
	});

	it('a 500 km alert and a raise to 400 km need the province', async () => {
		const wide = await draft(wh.officer, { ...WUHAN, radiusKm: 500 });
		expect((await errorOf(await approve(wh.approver, wide))).code).toBe('higher_unit_required');
		expect((await approve(wh.hubei, wide)).status).toBe(202);

		const narrow = await draft(wh.officer, { ...WUHAN, radiusKm: 100 });
		expect((await approve(wh.approver, narrow)).status).toBe(202);
		const raised = await policeFetch(wh.officer, 'POST', `/api/police/cases/${narrow.id}/updates`, {
			text: '扩大范围',
			radiusKm: 400
		});
		expect(raised.status).toBe(201);
		const path = `/api/police/cases/${narrow.id}/approve-radius`;
		expect((await errorOf(await policeFetch(wh.approver, 'POST', path, { radiusKm: 400 }))).code).toBe(
			'higher_unit_required'
		);
		expect((await policeFetch(wh.hubei, 'POST', path, { radiusKm: 400 })).status).toBe(202);
	});
});

describe('the issuer in public', () => {
	it('names 武汉市公安局 inside the signed case JSON, which verifies with the published keys', async () => {
		const c = await draft(wh.officer, WUHAN);
		expect((await approve(wh.approver, c)).status).toBe(202);
		const response = await SELF.fetch(`${ORIGIN}/api/cases/${c.id}`);
		const item = (await response.json()) as Record<string, unknown>;
		expect(item.issuer).toEqual({ code: '420100', name: '武汉市公安局' });
		const { keys } = (await (await SELF.fetch(`${ORIGIN}/.well-known/reunion-keys.json`)).json()) as {
			keys: PublicJwk[];
		};
		expect(await verifyAlert(item, keys)).toBe(true);
		expect(await verifyAlert({ ...item, issuer: { code: '310000', name: '上海市公安局' } }, keys)).toBe(
			false
		);
	});

	it('names 武汉市公安局 in CAP sender; a message recorded before units keeps reunion@ and is referenced so', async () => {
		const c = await draft(wh.officer, WUHAN);
		expect((await approve(wh.approver, c)).status).toBe(202);
		const cap = async () => await (await SELF.fetch(`${ORIGIN}/feeds/cap/${c.id}.xml`)).text();
		const alert = await cap();
		expect(alert).toContain('<sender>420100@reunion.test</sender>');
		expect(alert).toContain('<senderName>武汉市公安局</senderName>');
		// As if the alert had gone out before migration 0092: its sender is NULL, and stays `reunion@` for ever.
		await env.DB.prepare(`UPDATE cap_messages SET sender = NULL WHERE case_id = ?`).bind(c.id).run();
		const update = await policeFetch(wh.officer, 'POST', `/api/police/cases/${c.id}/updates`, {
			text: '在汉口火车站附近出现'
		});
		expect(update.status).toBeLessThan(300);
		const latest = await cap();
		expect(latest).toContain('<sender>420100@reunion.test</sender>');
		expect(latest).toMatch(/<references>reunion@reunion\.test,urn:reunion:reunion\.test:case:[^<]+:v\d+,/);
	});
});

describe('hand-over', () => {
	it('moves a case to another unit; both sides act on it; the issuer follows; the audit row names both', async () => {
		const c = await draft(wh.officer, WUHAN);
		const handed = await policeFetch(wh.officer, 'POST', `/api/police/cases/${c.id}/hand-over`, {
			unitId: 'unit-shanghai',
			reason: '孩子在上海被发现'
		});
		expect(handed.status).toBe(200);
		expect(await handed.json()).toMatchObject({ unitId: 'unit-shanghai', priorUnitId: 'unit-wuhan' });
		expect(await caseIds(sh.officer)).toContain(c.id);
		expect(await caseIds(wh.officer)).toContain(c.id);
		// A Shanghai approver approves it now (the same unit); the public sees Shanghai as the issuer.
		const current = (await (
			await policeFetch(sh.approver, 'GET', `/api/police/cases/${c.id}`)
		).json()) as PoliceCase;
		expect((await approve(sh.approver, current)).status).toBe(202);
		const item = (await (await SELF.fetch(`${ORIGIN}/api/cases/${c.id}`)).json()) as { issuer: unknown };
		expect(item.issuer).toEqual({ code: '310000', name: '上海市公安局' });
		const row = await env.DB.prepare(
			`SELECT detail, unit_id FROM audit_log WHERE action = 'hand_over' AND case_id = ?`
		)
			.bind(c.id)
			.first<{ detail: string; unit_id: string }>();
		expect(JSON.parse(row!.detail)).toMatchObject({ fromUnit: 'unit-wuhan', toUnit: 'unit-shanghai' });
		// Refused: to the unit it is already in, and by an officer who cannot see the case.
		const again = await policeFetch(sh.officer, 'POST', `/api/police/cases/${c.id}/hand-over`, {
			unitId: 'unit-shanghai',
			reason: 'x'
		});
		expect(again.status).toBe(409);
	});

	it('announces a published case’s hand-over: a new CAP message under the new unit, a partner update', async () => {
		await createPartner({ name: 'wuhan partner', area: { circles: [{ ...WUHAN, radiusKm: 50 }] } });
		const c = await draft(wh.officer, WUHAN);
		expect((await approve(wh.approver, c)).status).toBe(202);
		const before = await (await SELF.fetch(`${ORIGIN}/feeds/cap/${c.id}.xml`)).text();
		const handed = await policeFetch(wh.officer, 'POST', `/api/police/cases/${c.id}/hand-over`, {
			unitId: 'unit-shanghai',
			reason: '孩子随家人去了上海'
		});
		expect(handed.status).toBe(200);

		const messages = await env.DB.prepare(
			`SELECT kind, sender FROM cap_messages WHERE case_id = ? ORDER BY seq`
		)
			.bind(c.id)
			.all<{ kind: string; sender: string }>();
		expect(messages.results).toEqual([
			{ kind: 'alert', sender: '420100' },
			{ kind: 'update', sender: '310000' }
		]);
		const latest = await (await SELF.fetch(`${ORIGIN}/feeds/cap/${c.id}.xml`)).text();
		expect(latest).toContain('<sender>310000@reunion.test</sender>');
		expect(latest).toContain('<senderName>上海市公安局</senderName>');
		expect(latest).toContain('本案已移交上海市公安局');
		expect(latest).toContain('This case has been handed over to 上海市公安局');
		expect(latest).toMatch(/<references>420100@reunion\.test,/);
		// The first message is unchanged: same sender and issuer as before the hand-over.
		const first = before.slice(before.indexOf('<alert'));
		expect(first).toContain('<sender>420100@reunion.test</sender>');

		const events = await env.DB.prepare(
			`SELECT type, body FROM webhook_events WHERE case_id = ? ORDER BY rowid`
		)
			.bind(c.id)
			.all<{ type: string; body: string }>();
		expect(events.results.map((e) => e.type)).toEqual(['case.alert', 'case.update']);
		const update = JSON.parse(events.results[1]!.body) as { data: { case: { issuer: unknown } } };
		expect(update.data.case.issuer).toEqual({ code: '310000', name: '上海市公安局' });
	});
});

describe('scoping of administration', () => {
	let wuhanAdmin: string;
	beforeAll(async () => {
		const created = await policeFetch(admin, 'POST', '/api/police/users', {
			username: 'wuhan-admin',
			displayName: '武汉管理员',
			role: 'admin',
			password: 'a long enough secret',
			unitId: 'unit-wuhan'
		});
		expect(created.status).toBe(201);
		wuhanAdmin = await login('wuhan-admin', undefined, 'passkey', 'a long enough secret');
	});

	it('lists only the users and audit rows of the admin’s subtree; the chain check counts those rows', async () => {
		const users = (await (await policeFetch(wuhanAdmin, 'GET', '/api/police/users')).json()) as {
			users: { username: string; unitId: string }[];
		};
		expect(users.users.every((u) => u.unitId === 'unit-wuhan')).toBe(true);
		expect(users.users.map((u) => u.username)).toContain('demo-wuhan-officer');
		const audit = (await (await policeFetch(wuhanAdmin, 'GET', '/api/police/audit')).json()) as {
			entries: { unit_id: string | null }[];
		};
		expect(audit.entries.length).toBeGreaterThan(0);
		expect(audit.entries.every((e) => e.unit_id === 'unit-wuhan')).toBe(true);
		const csv = await (await policeFetch(wuhanAdmin, 'GET', '/api/police/audit?format=csv')).text();
		// unit_id is the last column; detail (JSON, quoted) may name another unit, e.g. a hand-over's receiver.
		const lines = csv.split('\r\n').slice(1);
		expect(lines.length).toBe(audit.entries.length);
		expect(lines.every((line) => line.endsWith(',unit-wuhan'))).toBe(true);
		const report = (await (await policeFetch(wuhanAdmin, 'GET', '/api/police/audit/verify')).json()) as {
			ok: boolean;
			rows: number;
		};
		const { n } = (await env.DB.prepare(
			`SELECT count(*) AS n FROM audit_log WHERE unit_id = 'unit-wuhan'`
		).first<{
			n: number;
		}>())!;
		expect(report).toEqual({ ok: true, rows: n });
		expect(
			(await (await policeFetch(admin, 'GET', '/api/police/audit/verify')).json()) as object
		).toMatchObject({
			ok: true
		});
	});

	it('never reaches above or beside: no Shanghai user, no unit above, no national pause', async () => {
		const shanghaiOfficer = (await env.DB.prepare(
			`SELECT id FROM users WHERE username = 'demo-officer'`
		).first<{
			id: string;
		}>())!.id;
		expect(
			(await policeFetch(wuhanAdmin, 'PATCH', `/api/police/users/${shanghaiOfficer}`, { disabled: true }))
				.status
		).toBe(404);
		const above = await policeFetch(wuhanAdmin, 'PATCH', '/api/police/units/unit-hubei', { name: '湖北' });
		expect(above.status).toBe(403);
		expect((await policeFetch(wuhanAdmin, 'PUT', '/api/police/sending', { paused: true })).status).toBe(403);
		const county = await policeFetch(wuhanAdmin, 'POST', '/api/police/units', {
			code: '420102',
			name: '武汉市公安局江岸区分局',
			parentId: 'unit-wuhan',
			level: 'county',
			area: { circles: [{ lat: 30.6, lon: 114.3, radiusKm: 10 }] },
			maxRadiusKm: 100
		});
		expect(county.status).toBe(201);
		const beside = await policeFetch(wuhanAdmin, 'POST', '/api/police/units', {
			code: '310101',
			name: '黄浦分局',
			parentId: 'unit-shanghai',
			level: 'county',
			area: { circles: [{ lat: 31.23, lon: 121.48, radiusKm: 5 }] },
			maxRadiusKm: 100
		});
		expect(beside.status).toBe(403);
	});
});

describe('statistics per unit', () => {
	async function published(query: string): Promise<{ published: number; unit?: { name: string } }> {
		const response = await SELF.fetch(`${ORIGIN}/api/stats${query}`);
		expect(response.status).toBe(200);
		return (await response.json()) as { published: number; unit?: { name: string } };
	}
	const counted = async (where: string) =>
		(await env.DB.prepare(
			`SELECT count(*) AS n FROM cases WHERE published_at IS NOT NULL AND exercise = 0 AND demo = 0
			AND status IN ('published', 'resolved') AND ${where}`
		).first<{ n: number }>())!.n;

	it('counts a unit with the units below it, and the whole country without ?unit', async () => {
		const c = await draft(wh.officer, WUHAN);
		expect((await approve(wh.approver, c)).status).toBe(202);
		const wuhan = await published('?unit=420100');
		expect(wuhan).toMatchObject({
			published: await counted(`unit_id = 'unit-wuhan'`),
			unit: { name: '武汉市公安局' }
		});
		expect(wuhan.published).toBeGreaterThan(0);
		expect((await published('?unit=420000')).published).toBe(
			await counted(`unit_id IN ('unit-hubei', 'unit-wuhan')`)
		);
		expect((await published('')).published).toBe(await counted('1 = 1'));
		expect((await SELF.fetch(`${ORIGIN}/api/stats?unit=999999`)).status).toBe(404);
	});
});
