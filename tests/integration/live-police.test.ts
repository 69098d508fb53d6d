import { beforeAll, describe, expect, it } from 'vitest';
import { listen, nextCase } from './helpers/live';
import { DRAFT, login, policeFetch, submitAndApprove } from './helpers/police';

let officer: string, approver: string;

beforeAll(async () => {
	officer = await login('demo-officer');
	approver = await login('demo-approver');
});

async function publish(fields: Record<string, unknown>): Promise<string> {
	const created = await policeFetch(officer, 'POST', '/api/police/cases', { ...DRAFT, ...fields });
	const { id } = (await created.json()) as { id: string };
	await submitAndApprove(officer, approver, id, String(fields.childName ?? DRAFT.childName));
	return id;
}

// The police routes announce every change of a published case live; an exercise never.
describe('live alerts from the police console', () => {
	it('sends the alert, each update and the resolution of a case, and nothing of an exercise', async () => {
		const shanghai = await listen('wtw');
		await publish({ childName: '演练儿童', exercise: true });
		const id = await publish({ childName: '实时儿童' });
		expect(await nextCase(shanghai)).toEqual({ id, kind: 'alert' });
		for (const text of ['第一条进展', '第二条进展']) {
			const update = await policeFetch(officer, 'POST', `/api/police/cases/${id}/updates`, { text });
			expect(update.status).toBe(201);
			expect(await nextCase(shanghai)).toEqual({ id, kind: 'update' });
		}
		const resolved = await policeFetch(officer, 'POST', `/api/police/cases/${id}/resolve`, {
			outcome: 'found_safe',
			circumstance: 'lost'
		});
		expect(resolved.status).toBe(200);
		expect(await nextCase(shanghai)).toEqual({ id, kind: 'resolved' });
	});

	it('sends "sent in error" for a published case that is cancelled', async () => {
		const shanghai = await listen('wtw');
		const id = await publish({ childName: '误发儿童' });
		expect(await nextCase(shanghai)).toEqual({ id, kind: 'alert' });
		const cancelled = await policeFetch(approver, 'POST', `/api/police/cases/${id}/cancel`, {
			reason: '误发'
		});
		expect(cancelled.status).toBe(200);
		expect(await nextCase(shanghai)).toEqual({ id, kind: 'cancelled' });
	});
});
