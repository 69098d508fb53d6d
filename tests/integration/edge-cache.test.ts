import { beforeAll, describe, expect, it } from 'vitest';
import { DRAFT, login, policeFetch, submitAndApprove } from './helpers/police';
import { call } from './helpers/requests';

let officer: string, approver: string;

beforeAll(async () => {
	officer = await login('demo-national-officer');
	approver = await login('demo-national-approver');
});

const POINT = { lat: 36.07, lon: 120.38 }; // Qingdao, away from the other files' cases

function get(path: string, headers: HeadersInit = {}): Promise<Response> {
	return call(new Request(`https://reunion.test${path}`, { headers }));
}

async function ids(response: Response): Promise<string[]> {
	return ((await response.json()) as { alerts: { id: string }[] }).alerts.map((alert) => alert.id);
}

describe('the edge cache of public answers', () => {
	it('serves repeats from the cache and shows a case change at once', async () => {
		const path = `/api/alerts?lat=${POINT.lat}&lon=${POINT.lon}`;
		const before = await get(path);
		expect(await ids(before)).toEqual([]);
		const repeat = await get(path);
		expect(repeat.headers.get('X-Cache')).toBe('hit');
		expect(repeat.headers.get('Access-Control-Allow-Origin')).toBe('*');
		const notModified = await get(path, { 'If-None-Match': repeat.headers.get('ETag')! });
		expect(notModified.status).toBe(304);

		const body = { ...DRAFT, ...POINT };
		const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', body)).json()) as {
			id: string;
		};
		await submitAndApprove(officer, approver, id, body.childName);

		const after = await get(path);
		expect(after.headers.get('X-Cache')).toBe('miss');
		expect(await ids(after)).toEqual([id]);
		const feed = await get(`/feeds/cap/${id}.xml`);
		expect(feed.status).toBe(200);
		expect((await get(`/feeds/cap/${id}.xml`)).headers.get('X-Cache')).toBe('hit');

		const cancelled = await policeFetch(officer, 'POST', `/api/police/cases/${id}/cancel`, {
			reason: 'sent in error'
		});
		expect(cancelled.status).toBe(200);
		expect(await ids(await get(path))).toEqual([]);
		expect(await (await get(`/feeds/cap/${id}.xml`)).text()).toContain('<msgType>Cancel</msgType>');
	});
});
