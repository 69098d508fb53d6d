import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCapMessageStatement } from '../../functions/db/cap-messages';
import { getPublicGeneration } from '../../functions/db/settings';
import { decodeGeohash } from '../../src/lib/geo';
import { verifyAlert, type PublicJwk } from '../../src/lib/signing/alert-signature';
import { insertCase } from './helpers/cases';
import { cron } from './helpers/cron';
import { call } from './helpers/requests';

// A child's privacy after recovery on every public surface the Worker serves (pages are covered by
// tests/e2e/retention.spec.ts). The Cron trigger runs with RETENTION_DAYS = 0, so a case found an hour ago is
// past its retention period and still inside the feeds' and include=closed's windows: each surface must show it
// reduced, not leave it out.
const cell = 'wm6n2'; // Chengdu, away from the other files' cases
const AT = decodeGeohash(cell);
const NAME = '欧阳娜娜';
const SECRETS = [
	NAME,
	'娜娜',
	'红色外套',
	'左眉上有一颗痣',
	'13912345678',
	'外婆家',
	'人民路5号',
	'face.jpg'
];

type Json = Record<string, unknown>;

async function get(path: string): Promise<Response> {
	return call(new Request(`https://reunion.test${path}`));
}

async function text(path: string): Promise<string> {
	const response = await get(path);
	expect(response.status, path).toBe(200);
	return response.text();
}

function expectNoSecrets(body: string, where: string): void {
	for (const secret of SECRETS) expect(body.includes(secret), `${where} still holds ${secret}`).toBe(false);
}

async function foundCase() {
	const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
	const dayAgo = new Date(Date.now() - 24 * 3_600_000).toISOString();
	const row = await insertCase({
		...AT,
		status: 'resolved',
		outcome: 'found_safe',
		circumstance: 'voluntary',
		child_name: NAME,
		clothing: '红色外套',
		description: '左眉上有一颗痣',
		contact_phone: '13912345678',
		published_at: dayAgo,
		resolved_at: hourAgo,
		updated_at: hourAgo
	});
	const photoKey = `cases/${row.id}/face.jpg`;
	await env.DB.prepare('UPDATE cases SET photo_key = ? WHERE id = ?').bind(photoKey, row.id).run();
	await env.PHOTOS.put(photoKey, new Uint8Array([0xff, 0xd8, 0xff]), {
		httpMetadata: { contentType: 'image/jpeg' }
	});
	await env.PHOTOS.put(`tips/${row.id}/clue.jpg`, new Uint8Array([4, 5, 6]));
	const event = `INSERT INTO case_events (case_id, kind, text, sighting, public, created_at) VALUES (?, ?, ?, ?, ?, ?)`;
	await env.DB.batch([
		env.DB.prepare(event).bind(
			row.id,
			'update',
			'有人在人民路5号见到她',
			'{"placeName":"人民路5号"}',
			1,
			dayAgo
		),
		env.DB.prepare(event).bind(row.id, 'resolved', '在外婆家找到', null, 1, hourAgo),
		env.DB.prepare(event).bind(row.id, 'update', '家属电话 13912345678', null, 0, hourAgo)
	]);
	// The feeds rebuild each CAP message from the case's fan-out jobs, texts included.
	const job = `INSERT INTO fanout_jobs (id, case_id, kind, shard, lat, lon, radius_km, text, ranges, status,
		created_at, updated_at) VALUES (?, ?, ?, 'DB', ?, ?, 100, ?, '[]', 'done', ?, ?)`;
	await env.DB.batch([
		env.DB.prepare(job).bind(
			`${row.id}:alert:1:100:0:DB:1`,
			row.id,
			'alert',
			AT.lat,
			AT.lon,
			null,
			dayAgo,
			dayAgo
		),
		env.DB.prepare(job).bind(
			`${row.id}:resolved:2:100:0:DB:2`,
			row.id,
			'resolved',
			AT.lat,
			AT.lon,
			'在外婆家找到',
			hourAgo,
			hourAgo
		)
	]);
	// And as the CAP listener records them (migration 0070): each message with the case as it stood.
	const sent = { ...row, photo_key: photoKey };
	const common = { caseId: row.id, radiusKm: 100, radiusStep: false, snapshot: sent };
	await env.DB.batch([
		insertCapMessageStatement(env.DB, {
			...common,
			key: 'a',
			version: 1,
			kind: 'alert',
			text: null,
			sentAt: dayAgo
		}),
		insertCapMessageStatement(env.DB, {
			...common,
			key: 'r',
			version: 2,
			kind: 'resolved',
			text: '在外婆家找到',
			sentAt: hourAgo
		})
	]);
	return { row, photoKey };
}

describe('retention on every public surface', () => {
	let id = '';
	let photoKey = '';
	let statsBefore: Json = {};
	let generationBefore = '';
	let jobsBefore = 0;

	beforeAll(async () => {
		({
			row: { id },
			photoKey
		} = await foundCase());
		// Read once before: an edge-cached copy of the full answer must not outlive the sweep.
		expect(await text(`/api/cases/${id}`)).toContain(NAME);
		expect(await text(`/feeds/cap/${id}.xml`)).toContain(NAME);
		expect((await get(`/api/photos/${photoKey}`)).status).toBe(200);
		statsBefore = (await (await get('/api/stats')).json()) as Json;
		generationBefore = await getPublicGeneration(env.DB);
		jobsBefore = (await env.DB.prepare('SELECT COUNT(*) AS n FROM fanout_jobs WHERE case_id = ?')
			.bind(id)
			.first<{
				n: number;
			}>())!.n;
		await cron(new Date(), { ...env, RETENTION_DAYS: '0' });
	});

	it('deletes every R2 object of the case, and its photo URL answers 404', async () => {
		expect((await env.PHOTOS.list({ prefix: `cases/${id}/` })).objects).toEqual([]);
		expect((await env.PHOTOS.list({ prefix: `tips/${id}/` })).objects).toEqual([]);
		expect((await get(`/api/photos/${photoKey}`)).status).toBe(404);
	});

	it('answers /api/cases/:id with only what API.md keeps, signed over the reduced JSON', async () => {
		const body = await text(`/api/cases/${id}`);
		expectNoSecrets(body, '/api/cases/:id');
		const c = JSON.parse(body) as Json & { updates: Json[] };
		expect(c).toMatchObject({
			id,
			status: 'resolved',
			outcome: 'found_safe',
			childName: '欧阳某',
			photoUrl: null,
			clothing: null,
			description: null,
			heightCm: null,
			contactPhone: '',
			circumstance: null,
			age: 8
		});
		expect(typeof c.resolvedAt).toBe('string');
		expect(typeof c.retainedAt).toBe('string');
		expect(c.updates.map((u) => u.text)).toEqual(['', '']);
		const { keys } = (await (await get('/.well-known/reunion-keys.json')).json()) as { keys: PublicJwk[] };
		expect(await verifyAlert(c, keys)).toBe(true);
	});

	it('lists the case reduced in /api/alerts?include=closed, signed', async () => {
		const body = await text(`/api/alerts?geohash=${cell}&include=closed`);
		expectNoSecrets(body, '/api/alerts');
		const item = ((JSON.parse(body) as { alerts: Json[] }).alerts ?? []).find((a) => a.id === id);
		expect(item).toMatchObject({ status: 'resolved', childName: '欧阳某', photoUrl: null });
		const { keys } = (await (await get('/.well-known/reunion-keys.json')).json()) as { keys: PublicJwk[] };
		expect(await verifyAlert(item!, keys)).toBe(true);
	});

	it('reduces the recorded CAP messages in D1 as the case itself', async () => {
		const { results } = await env.DB.prepare('SELECT text, snapshot FROM cap_messages WHERE case_id = ?')
			.bind(id)
			.all();
		expect(results).toHaveLength(2);
		expectNoSecrets(JSON.stringify(results), 'cap_messages');
	});

	it('reduces the CAP document, the Atom feed and PFIF', async () => {
		const cap = await text(`/feeds/cap/${id}.xml`);
		expectNoSecrets(cap, 'CAP');
		expect(cap).toContain('欧阳某');
		expect(cap).not.toContain('<contact>');
		const atom = await text(`/feeds/alerts.atom?geohash=${cell}`);
		expectNoSecrets(atom, 'Atom');
		expect(atom).toContain('欧阳某');
		const pfif = await text('/feeds/pfif.xml');
		expectNoSecrets(pfif, 'PFIF');
		expect(pfif).toContain('<pfif:full_name>欧阳某</pfif:full_name>');
	});

	it('announces `withdrawn` on the seam: the public generation moves, no push goes out', async () => {
		expect(Number(await getPublicGeneration(env.DB))).toBeGreaterThan(Number(generationBefore));
		const jobs = await env.DB.prepare('SELECT COUNT(*) AS n FROM fanout_jobs WHERE case_id = ?')
			.bind(id)
			.first<{
				n: number;
			}>();
		expect(jobs!.n).toBe(jobsBefore);
	});

	it('writes one audit row that names no one', async () => {
		const { results } = await env.DB.prepare(
			`SELECT username, detail FROM audit_log WHERE case_id = ? AND action = 'retention'`
		)
			.bind(id)
			.all<{ username: string; detail: string | null }>();
		expect(results).toHaveLength(1);
		expect(results[0]!.username).toBe('cron');
		expectNoSecrets(JSON.stringify(results), 'the audit row');
	});

	it('keeps the case in the anonymous statistics', async () => {
		const after = (await (await get('/api/stats')).json()) as Json;
		expect(after.published).toBe(statsBefore.published);
		expect(after.resolved).toBe(statsBefore.resolved);
		expect(after.byCircumstance).toEqual(statsBefore.byCircumstance);
	});
});

describe('a retained case’s photo', () => {
	it('is refused even if an object outlived the sweep', async () => {
		const { row, photoKey } = await foundCase();
		await env.DB.prepare(`UPDATE cases SET retained_at = ? WHERE id = ?`)
			.bind(new Date().toISOString(), row.id)
			.run();
		expect((await get(`/api/photos/${photoKey}`)).status).toBe(404);
	});
});
