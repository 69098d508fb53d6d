import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { insertCase } from './helpers/cases';
import { cron } from './helpers/cron';
import { call } from './helpers/requests';

// A child's privacy after recovery (API.md "Cases in public view"), driven by the Cron trigger's own clock.
const DAY = 86_400_000;
const AT = { lat: 31.23, lon: 121.47 };

async function foundCase(childName: string, resolvedAt: Date) {
	const row = await insertCase({
		...AT,
		status: 'resolved',
		outcome: 'found_safe',
		child_name: childName,
		clothing: '红色外套',
		description: '左眉上有一颗痣',
		photo_key: `cases/${crypto.randomUUID()}/face.jpg`,
		resolved_at: resolvedAt.toISOString()
	});
	const photoKey = `cases/${row.id}/face.jpg`;
	await env.DB.prepare('UPDATE cases SET photo_key = ? WHERE id = ?').bind(photoKey, row.id).run();
	await env.PHOTOS.put(photoKey, new Uint8Array([1, 2, 3]));
	await env.PHOTOS.put(`tips/${row.id}/clue.jpg`, new Uint8Array([4, 5, 6]));
	await env.DB.prepare(
		`INSERT INTO tips (id, case_id, reference, message, contact, photo_key, created_at, updated_at)
		 VALUES (?, ?, ?, 'seen her', '13800000000', ?, '', '')`
	)
		.bind(
			`t-${row.id}`,
			row.id,
			`R${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
			`tips/${row.id}/clue.jpg`
		)
		.run();
	await env.DB.prepare(
		`INSERT INTO case_events (case_id, kind, text, sighting, created_at)
		 VALUES (?, 'update', '在人民广场附近被看到', '{"placeName":"人民广场"}', ?)`
	)
		.bind(row.id, resolvedAt.toISOString())
		.run();
	return row;
}

async function publicCase(id: string) {
	return (await (await call(new Request(`https://reunion.test/api/cases/${id}`))).json()) as Record<
		string,
		unknown
	> & { updates: Array<{ text: string; sighting?: unknown }> };
}

const r2Keys = async (prefix: string) => (await env.PHOTOS.list({ prefix })).objects.map((o) => o.key);
const tipContact = async (caseId: string) =>
	(await env.DB.prepare('SELECT contact, photo_key FROM tips WHERE case_id = ?').bind(caseId).first()) as {
		contact: string | null;
		photo_key: string | null;
	};

describe('retention sweep', () => {
	it('keeps everything until RETENTION_DAYS (7) after resolution, then deletes photos and texts and reduces the name', async () => {
		const resolvedAt = new Date('2026-03-01T00:00:00Z');
		const row = await foundCase('欧阳娜娜', resolvedAt);
		const open = await insertCase({ ...AT, child_name: '李明', resolved_at: null });

		await cron(new Date(resolvedAt.getTime() + 7 * DAY - 60_000));
		expect(await publicCase(row.id)).toMatchObject({ childName: '欧阳娜娜', clothing: '红色外套' });
		expect(await r2Keys(`cases/${row.id}/`)).toHaveLength(1);

		await cron(new Date(resolvedAt.getTime() + 7 * DAY + 60_000));
		const reduced = await publicCase(row.id);
		expect(reduced).toMatchObject({
			id: row.id,
			status: 'resolved',
			outcome: 'found_safe',
			childName: '欧阳某',
			photoUrl: null,
			clothing: null,
			description: null,
			heightCm: null,
			placeName: row.place_name,
			age: row.age
		});
		expect(reduced.updates.map((u) => u.text)).toEqual(['']);
		expect(reduced.updates[0]?.sighting).toBeUndefined();
		expect(await r2Keys(`cases/${row.id}/`)).toEqual([]);
		expect(await r2Keys(`tips/${row.id}/`)).toEqual([]);
		// The clue stays for the police, without its photo; its contact stays until 90 days.
		expect(await tipContact(row.id)).toEqual({ contact: '13800000000', photo_key: null });
		// Cases not found yet are not touched.
		expect(await publicCase(open.id)).toMatchObject({ childName: '李明' });

		// Idempotent: a later run changes nothing more.
		const version = (await env.DB.prepare('SELECT version FROM cases WHERE id = ?').bind(row.id).first()) as {
			version: number;
		};
		await cron(new Date(resolvedAt.getTime() + 8 * DAY));
		expect(await env.DB.prepare('SELECT version FROM cases WHERE id = ?').bind(row.id).first()).toEqual(
			version
		);
	});

	it('deletes tipsters’ contact details 90 days after resolution', async () => {
		const resolvedAt = new Date('2026-01-01T00:00:00Z');
		const row = await foundCase('王浩然', resolvedAt);
		await cron(new Date(resolvedAt.getTime() + 89 * DAY));
		expect((await tipContact(row.id)).contact).toBe('13800000000');
		await cron(new Date(resolvedAt.getTime() + 90 * DAY + 60_000));
		expect((await tipContact(row.id)).contact).toBeNull();
		expect(await publicCase(row.id)).toMatchObject({ childName: '王某' });
	});
});
