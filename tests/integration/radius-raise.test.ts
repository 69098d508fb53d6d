import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RADIUS_SCHEDULE } from '../../src/lib/schemas';
import { DRAFT, login, policeFetch } from './helpers/police';
import { devicesNorthOf, peer, waitForDeliveries } from './helpers/peer';
import { cron } from './helpers/cron';
import { errorOf } from './helpers/requests';

const CENTRE = { lat: 36.0671, lon: 120.3826 }; // Qingdao

let officer: string, approver: string, admin: string;

beforeAll(async () => {
	officer = await login('demo-national-officer');
	approver = await login('demo-national-approver');
	admin = await login('demo-admin');
});

interface Case {
	id: string;
	version: number;
	radiusKm: number;
	radiusSchedule: unknown;
	proposedRadiusKm: number | null;
}

async function publish(fields: Record<string, unknown>, radiusGrowth?: boolean): Promise<Case> {
	const created = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, ...fields });
	const { id } = (await created.json()) as { id: string };
	const submitted = (await (
		await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {})
	).json()) as Case;
	const approved = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
		confirm: DRAFT.childName,
		version: submitted.version,
		...(radiusGrowth === undefined ? {} : { radiusGrowth })
	});
	expect(approved.status).toBe(202);
	return (await approved.json()) as Case;
}

async function lastAudit(caseId: string, action: string): Promise<Record<string, unknown>> {
	const row = await env.DB.prepare(
		`SELECT detail FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id DESC LIMIT 1`
	)
		.bind(caseId, action)
		.first<{ detail: string }>();
	return JSON.parse(row!.detail) as Record<string, unknown>;
}

describe('the radius schedule at approval', () => {
	it('is approved with the case, or removed by the approver, and the audit row says which', async () => {
		const kept = await publish({ radiusSchedule: DEFAULT_RADIUS_SCHEDULE });
		expect(kept.radiusSchedule).toEqual(DEFAULT_RADIUS_SCHEDULE);
		expect(await lastAudit(kept.id, 'approve')).toMatchObject({ radiusGrowth: true });

		const removed = await publish({ radiusSchedule: DEFAULT_RADIUS_SCHEDULE }, false);
		expect(removed.radiusSchedule).toBeNull();
		expect(await lastAudit(removed.id, 'approve')).toMatchObject({ radiusGrowth: false });
	});
});

describe('a radius raised by hand', () => {
	it('waits for a second officer, then alerts only the new ring', async () => {
		await devicesNorthOf(CENTRE, { near: 50, ring: 150, far: 400 });
		const published = await publish({ ...CENTRE });
		await waitForDeliveries(published.id, 'alert', 1);
		expect((await peer.received()).received.map((r) => r.id)).toEqual(['near']);

		// Not larger: refused with the field named, nothing stored.
		const smaller = await policeFetch(officer, 'POST', `/api/police/cases/${published.id}/updates`, {
			text: '缩小范围',
			radiusKm: 100
		});
		expect(smaller.status).toBe(400);
		expect((await errorOf(smaller)).field).toBe('radiusKm');

		const raised = await policeFetch(officer, 'POST', `/api/police/cases/${published.id}/updates`, {
			text: '孩子可能已离开本市',
			radiusKm: 200
		});
		expect(raised.status).toBe(201);
		const proposed = (await raised.json()) as Case;
		expect(proposed).toMatchObject({ radiusKm: 100, proposedRadiusKm: 200 });
		await waitForDeliveries(published.id, 'update', 1);
		// The text went to the one device already alerted; nobody new has been alerted yet.
		expect((await peer.received()).received.map((r) => r.id)).toEqual(['near', 'near']);

		const path = `/api/police/cases/${published.id}/approve-radius`;
		expect((await policeFetch(null, 'POST', path, { radiusKm: 200 })).status).toBe(401);
		expect((await policeFetch(officer, 'POST', path, { radiusKm: 200 })).status).toBe(403);
		expect((await policeFetch(approver, 'POST', path, { radiusKm: 300 })).status).toBe(409);
		const approved = await policeFetch(admin, 'POST', path, { radiusKm: 200 });
		expect(approved.status).toBe(202);
		expect(await approved.json()).toMatchObject({ radiusKm: 200, proposedRadiusKm: null });
		await waitForDeliveries(published.id, 'alert', 2);
		const alerts = (await peer.received()).received
			.filter((r) => (r.payload as { kind: string }).kind === 'alert')
			.map((r) => r.id);
		expect(alerts).toEqual(['near', 'ring']);
		expect(await lastAudit(published.id, 'approve_radius')).toEqual({ fromKm: 100, toKm: 200 });
		expect((await policeFetch(approver, 'POST', path, { radiusKm: 200 })).status).toBe(409);
	});

	it('cannot be approved by the officer who asked for it; the asker or an approver can withdraw it', async () => {
		const published = await publish({ lat: 23.1291, lon: 113.2644 });
		await policeFetch(approver, 'POST', `/api/police/cases/${published.id}/updates`, {
			text: '扩大范围',
			radiusKm: 300
		});
		const own = await policeFetch(approver, 'POST', `/api/police/cases/${published.id}/approve-radius`, {
			radiusKm: 300
		});
		expect(own.status).toBe(403);
		const rejected = await policeFetch(
			officer,
			'POST',
			`/api/police/cases/${published.id}/reject-radius`,
			{}
		);
		expect(rejected.status).toBe(403);
		const withdrawn = await policeFetch(
			approver,
			'POST',
			`/api/police/cases/${published.id}/reject-radius`,
			{}
		);
		expect(withdrawn.status).toBe(200);
		expect(await withdrawn.json()).toMatchObject({ radiusKm: 100, proposedRadiusKm: null });
		expect(await lastAudit(published.id, 'reject_radius')).toEqual({ proposedKm: 300 });
	});

	it('cannot shrink a circle that a schedule step has already widened past the proposal', async () => {
		const published = await publish({
			lat: 30.5728,
			lon: 104.0668,
			radiusSchedule: [{ afterMinutes: 60, radiusKm: 200 }]
		});
		await policeFetch(officer, 'POST', `/api/police/cases/${published.id}/updates`, {
			text: '扩大范围',
			radiusKm: 150
		});
		const row = await env.DB.prepare(`SELECT published_at FROM cases WHERE id = ?`)
			.bind(published.id)
			.first<{ published_at: string }>();
		await cron(new Date(Date.parse(row!.published_at) + 61 * 60_000));
		const late = await policeFetch(admin, 'POST', `/api/police/cases/${published.id}/approve-radius`, {
			radiusKm: 150
		});
		expect(late.status).toBe(409);
		const now = (await (await policeFetch(admin, 'GET', `/api/police/cases/${published.id}`)).json()) as Case;
		expect(now.radiusKm).toBe(200);
	});
});
