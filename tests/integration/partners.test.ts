import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { adminFetch, clearPartners, createPartner, partnerInput } from './helpers/partners';
import { login, policeFetch } from './helpers/police';
import { errorOf } from './helpers/requests';

const PATH = '/api/police/partners';

// The audit log is append-only: each test reads the rows written since it began.
let auditMark = 0;

async function auditActions(): Promise<string[]> {
	const { results } = await env.DB.prepare(
		`SELECT action FROM audit_log WHERE action LIKE 'partner_%' AND id > ? ORDER BY id`
	)
		.bind(auditMark)
		.all<{ action: string }>();
	return results.map((r) => r.action);
}

beforeEach(async () => {
	await clearPartners();
	auditMark =
		(await env.DB.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log').first<number>('id')) ?? 0;
});

describe('partner admin routes: who may call them', () => {
	it('answers 401 without a session and 403 to officers and approvers', async () => {
		expect((await policeFetch(null, 'GET', PATH)).status).toBe(401);
		for (const user of ['demo-officer', 'demo-approver']) {
			const cookie = await login(user);
			const listed = await policeFetch(cookie, 'GET', PATH);
			expect(listed.status).toBe(403);
			expect((await errorOf(listed)).code).toBe('forbidden');
			expect((await policeFetch(cookie, 'POST', PATH, partnerInput())).status).toBe(403);
		}
		expect(await env.DB.prepare('SELECT count(*) AS n FROM partners').first('n')).toBe(0);
	});

	it('refuses a request from another origin', async () => {
		const admin = await login('demo-admin');
		const response = await policeFetch(admin, 'POST', PATH, partnerInput(), { Origin: 'https://evil.test' });
		expect(response.status).toBe(403);
		expect((await errorOf(response)).code).toBe('cross_origin');
	});
});

describe('registering a partner', () => {
	it('shows the whsec_ secret once, on creation, and never in a list or a change', async () => {
		const { partner, secret } = await createPartner();
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(partner).toMatchObject({
			name: 'Shanghai news app',
			url: 'https://partner.example.com/hooks/reunion',
			test: false,
			disabled: false,
			area: { circles: [{ lat: 31.2304, lon: 121.4737, radiusKm: 50 }], geohashes: [] }
		});
		const admin = await login('demo-admin');
		const listed = await (await policeFetch(admin, 'GET', PATH)).text();
		const patched = await (
			await policeFetch(admin, 'PATCH', `${PATH}/${partner.id}`, { name: 'Renamed' })
		).text();
		for (const text of [listed, patched]) {
			expect(text).toContain(partner.id);
			expect(text).not.toContain(secret.slice(6, 20));
			expect(text).not.toMatch(/whsec_|"secret"/);
		}
		expect(await auditActions()).toEqual(['partner_create', 'partner_change']);
	});

	it.each([
		['a missing name', { name: '' }, 'name'],
		['an unknown event', { events: ['case.alert', 'case.deleted'] }, 'events.1'],
		['no events', { events: [] }, 'events'],
		['an empty area', { area: { circles: [], geohashes: [] } }, 'area'],
		['a bad geohash prefix', { area: { geohashes: ['wta'] } }, 'area.geohashes.0'],
		[
			'a circle off the globe',
			{ area: { circles: [{ lat: 91, lon: 0, radiusKm: 10 }] } },
			'area.circles.0.lat'
		],
		['text that is no URL', { url: 'partner.example.com' }, 'url'],
		['plain http', { url: 'http://partner.example.com/hook' }, 'url'],
		['a private address', { url: 'https://192.168.1.10/hook' }, 'url'],
		['the metadata address', { url: 'https://169.254.169.254/latest' }, 'url'],
		['an IPv4-mapped loopback', { url: 'https://[::ffff:127.0.0.1]/hook' }, 'url'],
		['localhost', { url: 'https://localhost/hook' }, 'url'],
		['loopback over http outside local mode', { url: 'http://127.0.0.1:9000/hook' }, 'url']
	])('refuses %s with 400 naming the field', async (_why, overrides, field) => {
		const admin = await login('demo-admin');
		const response = await policeFetch(admin, 'POST', PATH, partnerInput(overrides));
		expect(response.status).toBe(400);
		const error = await errorOf(response);
		expect(error).toMatchObject({ code: 'validation_failed', field });
		expect(error.message.length).toBeGreaterThan(10);
		expect(await env.DB.prepare('SELECT count(*) AS n FROM partners').first('n')).toBe(0);
	});

	it('refuses a body that is not JSON (415) or too large (413)', async () => {
		const admin = await login('demo-admin');
		const text = await policeFetch(admin, 'POST', PATH, undefined, { 'Content-Type': 'text/plain' });
		expect(text.status).toBe(415);
		const huge = partnerInput({ name: 'x'.repeat(20_000) });
		expect((await policeFetch(admin, 'POST', PATH, huge)).status).toBe(413);
	});

	it('takes http://127.0.0.1 in local mode only, and a private address not even then', async () => {
		const admin = await login('demo-admin');
		const local = await adminFetch(admin, 'POST', PATH, partnerInput({ url: 'http://127.0.0.1:9/h' }), true);
		expect(local.status).toBe(201);
		const lan = await adminFetch(admin, 'POST', PATH, partnerInput({ url: 'https://10.0.0.7/h' }), true);
		expect(lan.status).toBe(400);
		expect((await errorOf(lan)).field).toBe('url');
		const patch = await policeFetch(
			admin,
			'PATCH',
			`${PATH}/${((await local.json()) as { partner: { id: string } }).partner.id}`,
			{
				url: 'https://[fd00::1]/h'
			}
		);
		expect(patch.status).toBe(400);
		expect((await errorOf(patch)).field).toBe('url');
	});

	it('takes geohash prefixes as the area, and test partners', async () => {
		const { partner } = await createPartner({
			area: { geohashes: ['wtw', 'wx4g'] },
			test: true,
			events: ['case.alert']
		});
		expect(partner.area).toEqual({ circles: [], geohashes: ['wtw', 'wx4g'] });
		expect(partner.test).toBe(true);
		expect(partner.events).toEqual(['case.alert']);
	});
});

describe('changing, rotating and deleting a partner', () => {
	it('changes only the fields sent, and answers 404 for an unknown partner without an audit row', async () => {
		const { partner } = await createPartner();
		const admin = await login('demo-admin');
		const changed = await policeFetch(admin, 'PATCH', `${PATH}/${partner.id}`, {
			disabled: true,
			events: ['case.alert']
		});
		expect(changed.status).toBe(200);
		const { partner: after } = (await changed.json()) as { partner: typeof partner };
		expect(after).toMatchObject({
			name: partner.name,
			url: partner.url,
			disabled: true,
			events: ['case.alert']
		});
		expect(after.test).toBe(false);
		expect((await policeFetch(admin, 'PATCH', `${PATH}/p-nobody`, { name: 'x' })).status).toBe(404);
		expect((await policeFetch(admin, 'PATCH', `${PATH}/${partner.id}`, {})).status).toBe(400);
		expect(await auditActions()).toEqual(['partner_create', 'partner_change']);
	});

	it('rotates the secret: a new one, shown once, the old one kept signing for the hours asked', async () => {
		const { partner, secret } = await createPartner();
		const admin = await login('demo-admin');
		const rotated = await policeFetch(admin, 'POST', `${PATH}/${partner.id}/rotate-secret`, {});
		expect(rotated.status).toBe(200);
		const body = (await rotated.json()) as { secret: string; previousSecretUntil: string };
		expect(body.secret).toMatch(/^whsec_/);
		expect(body.secret).not.toBe(secret);
		const hours = (Date.parse(body.previousSecretUntil) - Date.now()) / 3_600_000;
		expect(hours).toBeGreaterThan(23.9);
		expect(hours).toBeLessThanOrEqual(24);
		const row = await env.DB.prepare('SELECT secret, previous_secret FROM partners WHERE id = ?')
			.bind(partner.id)
			.first<{ secret: string; previous_secret: string }>();
		expect(row).toEqual({ secret: body.secret, previous_secret: secret });

		const atOnce = await policeFetch(admin, 'POST', `${PATH}/${partner.id}/rotate-secret`, {
			keepOldHours: 0
		});
		expect(((await atOnce.json()) as { previousSecretUntil: null }).previousSecretUntil).toBeNull();
		const listed = await (await policeFetch(admin, 'GET', PATH)).text();
		expect(listed).not.toContain('whsec_');
		expect((await policeFetch(admin, 'POST', `${PATH}/p-nobody/rotate-secret`, {})).status).toBe(404);
		expect(await auditActions()).toEqual([
			'partner_create',
			'partner_rotate_secret',
			'partner_rotate_secret'
		]);
	});

	it('deletes a partner with its delivery log; a second delete is 404', async () => {
		const { partner } = await createPartner();
		await env.DB.prepare(
			`INSERT INTO webhook_deliveries (partner_id, event_id, type, case_id, attempt, outcome, at)
			 VALUES (?, 'msg_x', 'case.alert', 'c1', 1, 'delivered', '2026-11-28T00:00:00Z')`
		)
			.bind(partner.id)
			.run();
		const admin = await login('demo-admin');
		expect((await policeFetch(admin, 'DELETE', `${PATH}/${partner.id}`)).status).toBe(204);
		expect((await policeFetch(admin, 'DELETE', `${PATH}/${partner.id}`)).status).toBe(404);
		expect((await policeFetch(admin, 'GET', `${PATH}/${partner.id}/deliveries`)).status).toBe(404);
		expect(await env.DB.prepare('SELECT count(*) AS n FROM webhook_deliveries').first('n')).toBe(0);
		expect(await auditActions()).toEqual(['partner_create', 'partner_delete']);
	});

	it('lists a partner’s delivery log newest first, a page at a time', async () => {
		const { partner } = await createPartner();
		const insert = env.DB.prepare(
			`INSERT INTO webhook_deliveries (partner_id, event_id, type, case_id, attempt, outcome, status_code, at, next_attempt_at)
			 VALUES (?, 'msg_y', 'case.alert', 'c2', ?, ?, 500, '2026-11-28T00:00:00Z', NULL)`
		);
		await env.DB.batch([1, 2, 3].map((n) => insert.bind(partner.id, n, n === 3 ? 'failed' : 'retrying')));
		const admin = await login('demo-admin');
		const first = (await (
			await policeFetch(admin, 'GET', `${PATH}/${partner.id}/deliveries?limit=2`)
		).json()) as {
			deliveries: Array<{ attempt: number; outcome: string; statusCode: number }>;
			next: number;
		};
		expect(first.deliveries.map((d) => d.attempt)).toEqual([3, 2]);
		expect(first.deliveries[0]).toMatchObject({
			outcome: 'failed',
			statusCode: 500,
			caseId: 'c2',
			type: 'case.alert'
		});
		const rest = (await (
			await policeFetch(admin, 'GET', `${PATH}/${partner.id}/deliveries?limit=2&before=${first.next}`)
		).json()) as { deliveries: Array<{ attempt: number }>; next: number | null };
		expect(rest.deliveries.map((d) => d.attempt)).toEqual([1]);
		expect(rest.next).toBeNull();
		const bad = await policeFetch(admin, 'GET', `${PATH}/${partner.id}/deliveries?limit=0`);
		expect(bad.status).toBe(400);
		expect((await errorOf(bad)).field).toBe('limit');
	});
});
