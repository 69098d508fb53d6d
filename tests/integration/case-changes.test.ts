import { SELF } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseChangeListeners } from '../../functions/case-changes/listeners';
import type { CaseChangeKind, CaseChangeListener } from '../../functions/case-changes';
import { cron } from './helpers/cron';
import { DRAFT, login, ORIGIN, policeFetch } from './helpers/police';

/** Every change every listener hears, as (case id, kind): what a new channel (webhooks, live alerts) would get. */
const heard: { caseId: string; kind: CaseChangeKind; status: string }[] = [];
const recorder: CaseChangeListener = {
	name: 'test-recorder',
	async onCaseChange(_env, row, change) {
		heard.push({ caseId: row.id, kind: change.kind, status: row.status });
	}
};

/** A 64 × 64 PNG with empty image data: enough for the photo route, which inspects and strips, never decodes. */
function tinyPng(): Uint8Array<ArrayBuffer> {
	const chunk = (type: string, data: number[]) => {
		const length = [0, 0, 0, data.length];
		return [...length, ...new TextEncoder().encode(type), ...data, 0, 0, 0, 0];
	};
	const ihdr = [0, 0, 0, 64, 0, 0, 0, 64, 8, 2, 0, 0, 0];
	return new Uint8Array([
		0x89,
		0x50,
		0x4e,
		0x47,
		0x0d,
		0x0a,
		0x1a,
		0x0a,
		...chunk('IHDR', ihdr),
		...chunk('IDAT', [0, 0]),
		...chunk('IEND', [])
	]);
}

let officer: string;
let approver: string;

beforeAll(async () => {
	officer = await login('demo-officer');
	approver = await login('demo-approver');
	caseChangeListeners.push(recorder);
});
afterAll(() => {
	caseChangeListeners.splice(caseChangeListeners.indexOf(recorder), 1);
});

async function publishedCase(body: object = DRAFT): Promise<string> {
	const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', body)).json()) as {
		id: string;
	};
	const photo = await SELF.fetch(`${ORIGIN}/api/police/cases/${id}/photo`, {
		method: 'PUT',
		headers: { Origin: ORIGIN, Cookie: officer, 'Content-Type': 'image/png' },
		body: tinyPng()
	});
	expect(photo.status).toBe(200);
	const { version } = (await (
		await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {})
	).json()) as {
		version: number;
	};
	const approved = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
		confirm: DRAFT.childName,
		version,
		radiusGrowth: true
	});
	expect(approved.status).toBe(202);
	return id;
}

describe('the case-change seam', () => {
	it('hands every change to every listener: photo, publish, update, radius raise and step, resolve, cancel', async () => {
		const id = await publishedCase({ ...DRAFT, radiusSchedule: [{ afterMinutes: 60, radiusKm: 150 }] });
		expect(
			(await policeFetch(officer, 'POST', `/api/police/cases/${id}/updates`, { text: '最新进展' })).status
		).toBe(201);
		await policeFetch(officer, 'POST', `/api/police/cases/${id}/updates`, {
			text: '扩大范围',
			radiusKm: 120
		});
		const raised = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve-radius`, {
			radiusKm: 120
		});
		expect(raised.status).toBe(202);
		await cron(new Date(Date.now() + 61 * 60_000)); // the schedule's step to 150 km
		expect(
			(
				await policeFetch(officer, 'POST', `/api/police/cases/${id}/resolve`, {
					outcome: 'found_safe',
					circumstance: 'lost'
				})
			).status
		).toBe(200);

		const cancelledId = await publishedCase();
		await policeFetch(officer, 'POST', `/api/police/cases/${cancelledId}/cancel`, { reason: '误发' });

		expect(heard.filter((h) => h.caseId === id).map((h) => h.kind)).toEqual([
			'photo',
			'published',
			'updated',
			'updated',
			'radius',
			'radius',
			'resolved'
		]);
		expect(heard.filter((h) => h.caseId === cancelledId).map((h) => [h.kind, h.status])).toEqual([
			['photo', 'draft'],
			['published', 'published'],
			['cancelled', 'cancelled']
		]);
	});

	it('tells listeners of a cancelled draft too, marked as never public', async () => {
		const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', DRAFT)).json()) as {
			id: string;
		};
		await policeFetch(officer, 'POST', `/api/police/cases/${id}/cancel`, { reason: '误发' });
		expect(heard.filter((h) => h.caseId === id).map((h) => h.kind)).toEqual(['cancelled']);
	});
});
