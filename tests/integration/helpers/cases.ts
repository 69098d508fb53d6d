import { env } from 'cloudflare:test';
import { encodeGeohash } from '../../../src/lib/geo';
import { insertCaseStatement, type CaseRow } from '../../../functions/db/cases';

let serial = 0;

/** Inserts a case straight into D1 (the police console's own tests cover how cases get there). */
export async function insertCase(
	overrides: Partial<CaseRow> & { lat: number; lon: number }
): Promise<CaseRow> {
	serial += 1;
	const now = new Date(Date.now() - serial * 1000).toISOString();
	const row: CaseRow = {
		id: `case-${serial}-${Math.random().toString(36).slice(2, 8)}`,
		status: 'published',
		exercise: 0,
		demo: 0,
		child_name: `Test child ${serial}`,
		age: 8,
		sex: 'female',
		height_cm: 120,
		clothing: 'red coat',
		description: null,
		contact_phone: '110',
		last_seen_at: now,
		place_name: 'Test place',
		geohash: encodeGeohash(overrides.lat, overrides.lon, 7),
		radius_km: 100,
		radius_schedule: null,
		photo_key: null,
		circumstance: 'lost',
		outcome: null,
		created_by: null,
		approved_by: null,
		created_at: now,
		updated_at: now,
		published_at: now,
		resolved_at: null,
		cancelled_at: null,
		version: 1,
		...overrides
	};
	await insertCaseStatement(env.DB, row).run();
	return row;
}

/** Records a finished alert fan-out for a case, as an approval would have left it (the Cron sweep then skips it). */
export async function markAlertSent(row: CaseRow): Promise<void> {
	await env.DB.prepare(
		`INSERT INTO fanout_jobs (id, case_id, kind, shard, lat, lon, radius_km, ranges, status, created_at, updated_at)
		 VALUES (?1 || ':alert:sent', ?1, 'alert', 'DB', ?2, ?3, ?4, '[]', 'done', '', '')`
	)
		.bind(row.id, row.lat, row.lon, row.radius_km)
		.run();
}
