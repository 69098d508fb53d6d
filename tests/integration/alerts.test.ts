import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGeohash, encodeGeohash, haversineKm } from '../../src/lib/geo';
import { call, errorOf } from './helpers/requests';
import { insertCase } from './helpers/cases';

interface Alert {
	id: string;
	distanceKm: number;
	childName: string;
}

async function alertsAt(query: string): Promise<Response> {
	return call(new Request(`https://reunion.test/api/alerts?${query}`));
}

async function idsAt(query: string): Promise<string[]> {
	const response = await alertsAt(query);
	expect(response.status).toBe(200);
	return ((await response.json()) as { alerts: Alert[] }).alerts.map((alert) => alert.id);
}

describe('GET /api/alerts', () => {
	// Kunming area, away from every other test's cases.
	const cell = 'wk3n5';
	const centre = decodeGeohash(cell);
	let near: string, far: string, draft: string, exercise: string, resolved: string;

	beforeAll(async () => {
		await env.DB.exec('DELETE FROM cases');
		near = (await insertCase({ lat: centre.lat + 0.3, lon: centre.lon })).id;
		far = (await insertCase({ lat: centre.lat + 1.5, lon: centre.lon })).id; // ≈ 167 km away
		draft = (await insertCase({ lat: centre.lat, lon: centre.lon, status: 'draft', published_at: null })).id;
		exercise = (await insertCase({ lat: centre.lat, lon: centre.lon, exercise: 1 })).id;
		resolved = (await insertCase({ lat: centre.lat, lon: centre.lon, status: 'resolved' })).id;
	});

	it('lists published public cases whose radius contains the cell centre, with the distance', async () => {
		const response = await alertsAt(`geohash=${cell}`);
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
		const { alerts } = (await response.json()) as { alerts: Alert[] };
		expect(alerts.map((a) => a.id)).toEqual([near]);
		expect(alerts[0]!.distanceKm).toBeCloseTo(
			haversineKm({ lat: centre.lat + 0.3, lon: centre.lon }, centre),
			0
		);
		for (const hidden of [far, draft, exercise, resolved])
			expect(alerts.map((a) => a.id)).not.toContain(hidden);
	});

	it('uses the cell centre of lat+lon, so both forms agree', async () => {
		const point = { lat: centre.lat + 0.01, lon: centre.lon - 0.01 };
		expect(encodeGeohash(point.lat, point.lon, 5)).toBe(cell);
		expect(await idsAt(`lat=${point.lat}&lon=${point.lon}`)).toEqual(await idsAt(`geohash=${cell}`));
	});

	it('applies the rule at the exact radius: a case whose radius just reaches the cell centre is listed', async () => {
		const edgeCell = 'wm6n2';
		const edgeCentre = decodeGeohash(edgeCell);
		const casePoint = { lat: edgeCentre.lat + 0.5, lon: edgeCentre.lon };
		const distance = haversineKm(casePoint, edgeCentre);
		const inside = await insertCase({ ...casePoint, radius_km: Math.ceil(distance * 1000) / 1000 });
		const outside = await insertCase({ ...casePoint, radius_km: Math.floor(distance * 1000) / 1000 - 0.01 });
		const ids = await idsAt(`geohash=${edgeCell}`);
		expect(ids).toContain(inside.id);
		expect(ids).not.toContain(outside.id);
	});

	it('lists newest first and honours limit', async () => {
		const base = decodeGeohash('wsqq7');
		const older = await insertCase({
			lat: base.lat,
			lon: base.lon,
			published_at: '2026-01-01T00:00:00.000Z'
		});
		const newer = await insertCase({
			lat: base.lat,
			lon: base.lon,
			published_at: '2026-02-01T00:00:00.000Z'
		});
		expect(await idsAt('geohash=wsqq7')).toEqual([newer.id, older.id]);
		expect(await idsAt('geohash=wsqq7&limit=1')).toEqual([newer.id]);
	});

	it.each([
		['no location', '', 'missing_location'],
		['only lat', 'lat=30.1', 'missing_location'],
		['only lon', 'lon=120.1', 'missing_location'],
		['both forms', 'geohash=wx4g0&lat=39.9&lon=116.4', 'validation_failed'],
		['a bad geohash', 'geohash=wx4ga', 'validation_failed'],
		['a latitude out of range', 'lat=91&lon=0', 'validation_failed'],
		['a limit over 200', 'geohash=wx4g0&limit=201', 'validation_failed'],
		['text for a number', 'lat=north&lon=0', 'validation_failed']
	])('answers 400 for %s', async (_name, query, code) => {
		const response = await alertsAt(query);
		expect(response.status).toBe(400);
		expect((await errorOf(response)).code).toBe(code);
	});
});

describe('GET /api/cases/:id', () => {
	it('returns the public fields of a published case with its updates', async () => {
		const row = await insertCase({ lat: 30, lon: 120, description: 'blue shoes' });
		await env.DB.prepare(
			`INSERT INTO case_events (case_id, kind, text, created_at) VALUES (?, 'update', 'seen at the station', ?)`
		)
			.bind(row.id, new Date().toISOString())
			.run();
		await env.DB.prepare(
			`INSERT INTO case_events (case_id, kind, text, public, created_at) VALUES (?, 'update', 'internal note', 0, ?)`
		)
			.bind(row.id, new Date().toISOString())
			.run();
		const response = await call(new Request(`https://reunion.test/api/cases/${row.id}`));
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({
			id: row.id,
			childName: row.child_name,
			description: 'blue shoes',
			version: 1,
			radiusKm: 100
		});
		expect(body.updates).toEqual([expect.objectContaining({ kind: 'update', text: 'seen at the station' })]);
		expect(body).not.toHaveProperty('created_by');
		expect(body).not.toHaveProperty('createdBy');
	});

	it.each([
		['an unknown id', {}],
		['a draft', { status: 'draft' as const }],
		['a pending case', { status: 'pending' as const }],
		['an exercise', { exercise: 1 }]
	])('answers 404 not_found for %s', async (name, overrides) => {
		const id =
			name === 'an unknown id' ? 'no-such-case' : (await insertCase({ lat: 30, lon: 120, ...overrides })).id;
		const response = await call(new Request(`https://reunion.test/api/cases/${id}`));
		expect(response.status).toBe(404);
		expect((await errorOf(response)).code).toBe('not_found');
	});
});
