import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { encodeGeohash } from '../../src/lib/geo';
import { peer, storeDevices, waitForDeliveries } from './helpers/peer';
import { DRAFT, login, policeFetch } from './helpers/police';

// Issue 21: exercise alerts are scoped to the unit subtree like everything else. A Wuhan officer's exercise
// reaches the registered devices of Wuhan's officers only; the national unit's reaches every officer's.
const WUHAN = { lat: 30.5928, lon: 114.3055, placeName: '武汉市江汉区' };

async function exercise(officerName: string, approverName: string, childName: string): Promise<string> {
	const officer = await login(officerName);
	const approver = await login(approverName);
	const body = { ...DRAFT, ...WUHAN, radiusKm: 20, exercise: true, childName };
	const created = await policeFetch(officer, 'POST', '/api/police/cases', body);
	expect(created.status).toBe(201);
	const { id } = (await created.json()) as { id: string };
	const submitted = await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {});
	const { version } = (await submitted.json()) as { version: number };
	const approved = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
		confirm: childName,
		version
	});
	expect(approved.status).toBe(202);
	return id;
}

describe('exercises per unit', () => {
	it('reach only the officers of the issuing unit’s subtree; the national unit’s reach every officer', async () => {
		await peer.reset();
		await env.DB.exec('DELETE FROM subscription_regions');
		const [wuhanPhone, shanghaiPhone, publicPhone] = await peer.register([
			'wuhan-officer-phone',
			'shanghai-officer-phone',
			'public-phone'
		]);
		const cell = encodeGeohash(WUHAN.lat, WUHAN.lon, 5);
		// Shanghai's officer is visiting Wuhan: near the point, but not Wuhan's.
		await storeDevices([
			{ ...wuhanPhone!, regions: [cell], officer: 'demo-wuhan-officer' },
			{ ...shanghaiPhone!, regions: [cell], officer: 'demo-officer' },
			{ ...publicPhone!, regions: [cell] }
		]);

		// The editor's estimate says the same as the sending will do.
		const count = async (name: string) => {
			const cookie = await login(name);
			const path = `/api/police/audience?lat=${WUHAN.lat}&lon=${WUHAN.lon}&radiusKm=20&exercise=1`;
			return ((await (await policeFetch(cookie, 'GET', path)).json()) as { subscribers: number }).subscribers;
		};
		expect(await count('demo-wuhan-officer')).toBe(1);
		expect(await count('demo-national-officer')).toBe(2);

		const wuhan = await exercise('demo-wuhan-officer', 'demo-wuhan-approver', '武汉演练');
		await waitForDeliveries(wuhan, 'alert', 1);
		const national = await exercise('demo-national-officer', 'demo-national-approver', '全国演练');
		await waitForDeliveries(national, 'alert', 2);

		const { received } = await peer.received();
		const reached = (caseId: string) =>
			received
				.filter((r) => (r.payload as { caseId?: string }).caseId === caseId)
				.map((r) => r.id)
				.sort();
		expect(reached(wuhan)).toEqual(['wuhan-officer-phone']);
		expect(reached(national)).toEqual(['shanghai-officer-phone', 'wuhan-officer-phone']);
	});
});
