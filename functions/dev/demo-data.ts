import { encodeGeohash } from '../../src/lib/geo';
import { DEFAULT_RADIUS_KM } from '../../src/lib/schemas';
import { hashPassword } from '../auth/password';
import { insertCaseStatement, type CaseRow } from '../db/cases';
import type { Env } from '../env';
import { DEFAULT_DEMO_PASSWORD, DEMO_CASES, DEMO_USERS, type DemoCase } from './demo-cases';

const COUNT_DEMO_USERS = `SELECT COUNT(*) AS n FROM users WHERE demo = 1`;
const INSERT_USER = `INSERT INTO users (id, username, display_name, role, password_hash, demo, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (id) DO NOTHING`;
const INSERT_EVENT = `INSERT INTO case_events (case_id, kind, text, created_by, created_at)
	SELECT ?, ?, ?, 'demo-officer', ? WHERE NOT EXISTS (SELECT 1 FROM case_events WHERE case_id = ? AND kind = ?)`;
const HOUR = 3_600_000;

let seeded: Promise<void> | undefined;

/**
 * Local mode only (API.md): demo users and cases, written once and never overwritten, so re-running
 * `npm start` keeps whatever was changed. Runs once per isolate; the inserts are idempotent.
 */
export function ensureLocalDemoData(env: Env): Promise<void> {
	seeded ??= seedDemoData(env).catch((error: unknown) => {
		seeded = undefined; // e.g. migrations not applied yet: try again on the next request
		throw error;
	});
	return seeded;
}

/** Idempotent: inserts what is missing, never overwrites. */
export async function seedDemoData(env: Env): Promise<void> {
	const now = new Date();
	const users = await env.DB.prepare(COUNT_DEMO_USERS).first<{ n: number }>();
	const statements: D1PreparedStatement[] = [];
	if ((users?.n ?? 0) < DEMO_USERS.length) {
		const hash = await hashPassword(env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
		for (const user of DEMO_USERS) {
			const at = now.toISOString();
			statements.push(
				env.DB.prepare(INSERT_USER).bind(user.id, user.username, user.displayName, user.role, hash, at, at)
			);
		}
	}
	for (const demo of DEMO_CASES) {
		statements.push(insertCaseStatement(env.DB, demoRow(demo, now)));
		for (const event of demoEvents(demo, now)) {
			statements.push(
				env.DB.prepare(INSERT_EVENT).bind(demo.id, event.kind, event.text, event.at, demo.id, event.kind)
			);
		}
	}
	await env.DB.batch(statements);
}

function demoRow(demo: DemoCase, now: Date): CaseRow {
	const lastSeen = new Date(now.getTime() - demo.hoursAgo * HOUR).toISOString();
	const published = new Date(now.getTime() - (demo.hoursAgo - 0.25) * HOUR).toISOString();
	const resolvedAt = demo.resolved
		? new Date(now.getTime() - demo.resolved.hoursAgo * HOUR).toISOString()
		: null;
	return {
		id: demo.id,
		status: demo.resolved ? 'resolved' : 'published',
		exercise: 0,
		demo: 1,
		child_name: demo.childName,
		age: demo.age,
		sex: demo.sex,
		height_cm: demo.heightCm,
		clothing: demo.clothing,
		description: demo.description,
		contact_phone: '110',
		last_seen_at: lastSeen,
		place_name: demo.placeName,
		lat: demo.lat,
		lon: demo.lon,
		geohash: encodeGeohash(demo.lat, demo.lon, 7),
		radius_km: DEFAULT_RADIUS_KM,
		radius_schedule: null,
		photo_key: `demo/child-${demo.picture}.svg`,
		circumstance: demo.circumstance,
		outcome: demo.resolved ? 'found_safe' : null,
		created_by: 'demo-officer',
		approved_by: 'demo-approver',
		created_at: lastSeen,
		updated_at: published,
		published_at: published,
		resolved_at: resolvedAt,
		cancelled_at: null,
		version: 1
	};
}

function demoEvents(demo: DemoCase, now: Date) {
	const events = [];
	if (demo.update) events.push({ kind: 'update', ...demo.update });
	if (demo.resolved) events.push({ kind: 'resolved', ...demo.resolved });
	return events.map((event) => ({
		kind: event.kind,
		text: event.text,
		at: new Date(now.getTime() - event.hoursAgo * HOUR).toISOString()
	}));
}
