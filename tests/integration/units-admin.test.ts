import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DRAFT, login, ORIGIN, policeFetch } from './helpers/police';

// Issue 21's console part (API.md "Police units"): unit administration, disabled units, the `?unit=` narrowing of
// the console's lists, and the covering unit named in outside_jurisdiction. The demo tree of local mode:
// 公安部 (root) → 上海市公安局 (unit-shanghai) and 湖北省公安厅 (unit-hubei) → 武汉市公安局 (unit-wuhan).

const WUHAN = { lat: 30.5928, lon: 114.3055, placeName: '武汉市江汉区' };
const SECRET = 'a long enough secret';

let admin: string;
let hubeiAdmin: string;

async function createUser(cookie: string, username: string, role: string, unitId: string): Promise<string> {
	const created = await policeFetch(cookie, 'POST', '/api/police/users', {
		username,
		displayName: username,
		role,
		password: SECRET,
		unitId
	});
	expect(created.status).toBe(201);
	return ((await created.json()) as { id: string }).id;
}

async function lastAudit(action: string): Promise<{ username: string; unit_id: string; detail: string }> {
	return (await env.DB.prepare(
		`SELECT username, unit_id, detail FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1`
	)
		.bind(action)
		.first())!;
}

function signIn(username: string) {
	return SELF.fetch(`${ORIGIN}/api/auth/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'CF-Connecting-IP': '10.77.0.1' },
		body: JSON.stringify({ username, password: SECRET })
	});
}

beforeAll(async () => {
	admin = await login('demo-admin');
	await createUser(admin, 'hubei-admin', 'admin', 'unit-hubei');
	hubeiAdmin = await login('hubei-admin', undefined, 'passkey', SECRET);
});

describe('unit administration', () => {
	it('a province admin creates a unit below, edits its name, code and limit; each step is audited', async () => {
		const created = await policeFetch(hubeiAdmin, 'POST', '/api/police/units', {
			code: '420600',
			name: '襄阳市公安局',
			parentId: 'unit-hubei',
			level: 'city',
			area: { circles: [{ lat: 32.01, lon: 112.12, radiusKm: 80 }] },
			maxRadiusKm: 300
		});
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };
		expect(await lastAudit('unit_create')).toMatchObject({ username: 'hubei-admin', unit_id: id });

		const edited = await policeFetch(hubeiAdmin, 'PATCH', `/api/police/units/${id}`, {
			name: '襄阳市公安局（新）',
			code: '420601',
			maxRadiusKm: 200
		});
		expect(edited.status).toBe(200);
		const { units } = (await edited.json()) as { units: { id: string; code: string; name: string }[] };
		expect(units.find((u) => u.id === id)).toMatchObject({
			code: '420601',
			name: '襄阳市公安局（新）',
			maxRadiusKm: 200
		});
		const audit = await lastAudit('unit_change');
		expect(audit).toMatchObject({ username: 'hubei-admin', unit_id: id });
		expect(JSON.parse(audit.detail)).toMatchObject({ code: '420601', maxRadiusKm: 200 });

		// A code another unit holds is a 409 on the field, not a 500.
		const taken = await policeFetch(hubeiAdmin, 'PATCH', `/api/police/units/${id}`, { code: '420100' });
		expect(taken.status).toBe(409);
		expect(((await taken.json()) as { error: { field: string } }).error.field).toBe('code');
	});

	it('refuses an admin their own unit, the unit above and the one beside; the users above and beside', async () => {
		for (const [unit, body] of [
			['unit-hubei', { name: '湖北' }],
			['root', { maxRadiusKm: 10 }],
			['unit-shanghai', { disabled: true }]
		] as const) {
			const refused = await policeFetch(hubeiAdmin, 'PATCH', `/api/police/units/${unit}`, body);
			expect(refused.status, unit).toBe(403);
		}
		const beside = await policeFetch(hubeiAdmin, 'POST', '/api/police/units', {
			code: null,
			name: '旁边',
			parentId: 'unit-shanghai',
			level: 'county',
			area: { circles: [{ lat: 31.2, lon: 121.4, radiusKm: 5 }] },
			maxRadiusKm: 50
		});
		expect(beside.status).toBe(403);
		const wuhanOfficer = await createUser(admin, 'wuhan-mover', 'officer', 'unit-wuhan');
		// Moving a user of the subtree to a unit beside it, and creating a user above it, are refused.
		const moveBeside = await policeFetch(hubeiAdmin, 'PATCH', `/api/police/users/${wuhanOfficer}`, {
			unitId: 'unit-shanghai'
		});
		expect(moveBeside.status).toBe(403);
		const above = await policeFetch(hubeiAdmin, 'POST', '/api/police/users', {
			username: 'above-hubei',
			displayName: 'above',
			role: 'officer',
			password: SECRET,
			unitId: 'root'
		});
		expect(above.status).toBe(403);
		const unchanged = await env.DB.prepare(`SELECT unit_id FROM users WHERE id = ?`)
			.bind(wuhanOfficer)
			.first();
		expect(unchanged).toEqual({ unit_id: 'unit-wuhan' });
	});

	it('moves a user within the subtree: audited with both units, the user’s sessions end', async () => {
		const id = await createUser(hubeiAdmin, 'hubei-officer-moved', 'officer', 'unit-hubei');
		const session = await login('hubei-officer-moved', undefined, 'password', SECRET);
		const moved = await policeFetch(hubeiAdmin, 'PATCH', `/api/police/users/${id}`, { unitId: 'unit-wuhan' });
		expect(moved.status).toBe(200);
		const { users } = (await moved.json()) as { users: { id: string; unitId: string }[] };
		expect(users.find((u) => u.id === id)?.unitId).toBe('unit-wuhan');
		expect(JSON.parse((await lastAudit('user_change')).detail)).toMatchObject({
			id,
			fromUnit: 'unit-hubei',
			toUnit: 'unit-wuhan'
		});
		expect((await policeFetch(session, 'GET', '/api/police/cases')).status).toBe(401);
	});

	it('a disabled unit’s users (and those below it) cannot sign in or act; enabled again, they can', async () => {
		const county = await policeFetch(admin, 'POST', '/api/police/units', {
			code: '420102',
			name: '江岸区分局',
			parentId: 'unit-wuhan',
			level: 'county',
			area: { circles: [{ lat: 30.65, lon: 114.45, radiusKm: 5 }] },
			maxRadiusKm: 100
		});
		const { id: countyId } = (await county.json()) as { id: string };
		await createUser(admin, 'jiangan-officer', 'officer', countyId);
		const session = await login('jiangan-officer', undefined, 'password', SECRET);
		expect((await policeFetch(session, 'GET', '/api/police/cases')).status).toBe(200);

		// The unit above the county is the one disabled: the county's officer is shut out too.
		const off = await policeFetch(hubeiAdmin, 'PATCH', '/api/police/units/unit-wuhan', { disabled: true });
		expect(off.status).toBe(200);
		expect(JSON.parse((await lastAudit('unit_change')).detail)).toMatchObject({ disabled: true });
		expect((await policeFetch(session, 'GET', '/api/police/cases')).status).toBe(401);
		expect((await signIn('jiangan-officer')).status).toBe(401);

		expect(
			(await policeFetch(hubeiAdmin, 'PATCH', '/api/police/units/unit-wuhan', { disabled: false })).status
		).toBe(200);
		expect((await signIn('jiangan-officer')).status).toBe(200);
	});
});

describe('the unit picker (?unit=code)', () => {
	it('narrows the national admin’s cases, users and audit rows to one subtree', async () => {
		const cases = async (query: string) =>
			(
				(await (await policeFetch(admin, 'GET', `/api/police/cases${query}`)).json()) as {
					cases: { id: string; unitId: string }[];
				}
			).cases;
		const wuhanOfficer = await login('demo-wuhan-officer');
		const created = await policeFetch(wuhanOfficer, 'POST', '/api/police/cases', { ...DRAFT, ...WUHAN });
		const { id } = (await created.json()) as { id: string };

		const all = await cases('');
		const hubei = await cases('?unit=420000');
		const shanghai = await cases('?unit=310000');
		expect(all.map((c) => c.id)).toContain(id);
		expect(hubei.map((c) => c.id)).toContain(id);
		expect(hubei.every((c) => ['unit-hubei', 'unit-wuhan'].includes(c.unitId))).toBe(true);
		expect(shanghai.map((c) => c.id)).not.toContain(id);
		expect(all.length).toBeGreaterThan(hubei.length);

		const users = (await (await policeFetch(admin, 'GET', '/api/police/users?unit=420100')).json()) as {
			users: { unitId: string }[];
		};
		// Wuhan's subtree: the city and any county an earlier test created below it.
		const outside = ['root', 'unit-hubei', 'unit-shanghai'];
		expect(users.users.length).toBeGreaterThan(0);
		expect(users.users.some((u) => outside.includes(u.unitId))).toBe(false);
		const audit = (await (await policeFetch(admin, 'GET', '/api/police/audit?unit=420100')).json()) as {
			entries: { unit_id: string }[];
		};
		expect(audit.entries.length).toBeGreaterThan(0);
		expect(audit.entries.some((e) => outside.includes(e.unit_id))).toBe(false);
	});

	it('refuses a unit outside the user’s own (403) and an unknown one (404)', async () => {
		const wuhanOfficer = await login('demo-wuhan-officer');
		expect((await policeFetch(wuhanOfficer, 'GET', '/api/police/cases?unit=310000')).status).toBe(403);
		expect((await policeFetch(wuhanOfficer, 'GET', '/api/police/cases?unit=420000')).status).toBe(403);
		expect((await policeFetch(wuhanOfficer, 'GET', '/api/police/cases?unit=420100')).status).toBe(200);
		expect((await policeFetch(hubeiAdmin, 'GET', '/api/police/audit?unit=310000')).status).toBe(403);
		expect((await policeFetch(admin, 'GET', '/api/police/cases?unit=999999')).status).toBe(404);
	});
});

describe('outside_jurisdiction', () => {
	it('carries the unit whose area holds the point in the 403 body', async () => {
		const shanghaiOfficer = await login('demo-officer');
		const refused = await policeFetch(shanghaiOfficer, 'POST', '/api/police/cases', { ...DRAFT, ...WUHAN });
		expect(refused.status).toBe(403);
		const { error } = (await refused.json()) as { error: { code: string; unit?: object } };
		expect(error).toMatchObject({
			code: 'outside_jurisdiction',
			unit: { code: '420100', name: '武汉市公安局' }
		});
	});
});

describe('tips', () => {
	it('are triaged only within the unit subtree: another unit’s tip is a 404, unchanged', async () => {
		const wuhanOfficer = await login('demo-wuhan-officer');
		const created = await policeFetch(wuhanOfficer, 'POST', '/api/police/cases', { ...DRAFT, ...WUHAN });
		const { id: caseId } = (await created.json()) as { id: string };
		const tipId = 't-units-admin';
		await env.DB.prepare(
			`INSERT INTO tips (id, case_id, reference, message, status, lang, created_at, updated_at)
			VALUES (?, ?, 'ABC-DEF', '在汉口看到', 'new', 'zh-CN', '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z')`
		)
			.bind(tipId, caseId)
			.run();
		const shanghaiOfficer = await login('demo-officer');
		const refused = await policeFetch(shanghaiOfficer, 'PATCH', `/api/police/tips/${tipId}`, {
			status: 'useful'
		});
		expect(refused.status).toBe(404);
		expect((await policeFetch(shanghaiOfficer, 'GET', `/api/police/tips/${tipId}/photo`)).status).toBe(404);
		const status = async () =>
			(await env.DB.prepare(`SELECT status FROM tips WHERE id = ?`).bind(tipId).first<{ status: string }>())!
				.status;
		expect(await status()).toBe('new');
		const allowed = await policeFetch(wuhanOfficer, 'PATCH', `/api/police/tips/${tipId}`, {
			status: 'useful'
		});
		expect(allowed.status).toBe(200);
		expect(await status()).toBe('useful');
	});
});
