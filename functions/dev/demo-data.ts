import { encodeGeohash } from '../../src/lib/geo';
import { DEFAULT_RADIUS_KM } from '../../src/lib/schemas';
import { hashPassword } from '../auth/password';
import { insertCapMessageStatement, type NewCapMessage } from '../db/cap-messages';
import { insertCaseStatement, type CaseRow } from '../db/cases';
import { countDemoUsers, insertDemoEventStatement, insertDemoUserStatement } from '../db/demo';
import { insertUnitStatement, ROOT_UNIT_NAME } from '../db/units';
import type { Env } from '../env';
import { DEFAULT_DEMO_PASSWORD, DEMO_CASES, DEMO_USERS, type DemoCase } from './demo-cases';
import { DEMO_CASE_UNITS, DEMO_UNITS } from './demo-units';

const HOUR = 3_600_000;

/**
 * Local mode only (API.md): demo users and cases, written once and never overwritten, so re-running
 * `npm start` keeps whatever was changed. `npm start` calls it through POST /__local/seed (functions/app.ts).
 */
export async function seedDemoData(env: Env): Promise<void> {
	const now = new Date();
	// Units first: users and cases name them. Parents come before children in DEMO_UNITS.
	const statements = DEMO_UNITS.map((unit) => insertUnitStatement(env.DB, unit, now, true));
	if ((await countDemoUsers(env.DB)) < DEMO_USERS.length) {
		const hash = await hashPassword(env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
		for (const user of DEMO_USERS) statements.push(insertDemoUserStatement(env.DB, user, hash, now));
	}
	for (const demo of DEMO_CASES) {
		const row = demoRow(demo, now);
		statements.push(insertCaseStatement(env.DB, row));
		for (const event of demoEvents(demo, now))
			statements.push(insertDemoEventStatement(env.DB, demo.id, event));
		for (const message of demoMessages(demo, withIssuer(row), now))
			statements.push(insertCapMessageStatement(env.DB, message));
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
		created_by: DEMO_CASE_UNITS[demo.id]?.officer ?? 'demo-officer',
		approved_by: DEMO_CASE_UNITS[demo.id]?.approver ?? 'demo-approver',
		created_at: lastSeen,
		updated_at: resolvedAt ?? published,
		published_at: published,
		resolved_at: resolvedAt,
		cancelled_at: null,
		// Resolving moves the version on, as it does for a real case.
		version: demo.resolved ? 2 : 1,
		unit_id: DEMO_CASE_UNITS[demo.id]?.unitId ?? 'root'
	};
}

/**
 * The CAP messages a real case with this history would have sent (migration 0070): the alert when published, the
 * update, the resolution, each with the case as it stood then. The keys are fixed, so seeding again adds none.
 */
function demoMessages(demo: DemoCase, row: CaseRow, now: Date): NewCapMessage[] {
	const asPublished: CaseRow = {
		...row,
		status: 'published',
		outcome: null,
		resolved_at: null,
		updated_at: row.published_at!,
		version: 1
	};
	const common = { caseId: row.id, radiusKm: row.radius_km, radiusStep: false };
	const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR).toISOString();
	const messages: NewCapMessage[] = [
		{
			...common,
			key: 'demo:alert',
			version: 1,
			kind: 'alert',
			text: null,
			sentAt: row.published_at!,
			snapshot: asPublished
		}
	];
	if (demo.update) {
		const { text, hoursAgo } = demo.update;
		messages.push({
			...common,
			key: 'demo:update',
			version: 1,
			kind: 'update',
			text,
			sentAt: at(hoursAgo),
			snapshot: asPublished
		});
	}
	if (demo.resolved) {
		const { text, hoursAgo } = demo.resolved;
		messages.push({
			...common,
			key: 'demo:resolved',
			version: row.version,
			kind: 'resolved',
			text,
			sentAt: at(hoursAgo),
			snapshot: row
		});
	}
	return messages;
}

/** A real case's messages keep the row as read through case_rows (migration 0091), which names the issuing unit. */
function withIssuer(row: CaseRow): CaseRow {
	const unit = DEMO_UNITS.find((u) => u.id === row.unit_id);
	return unit
		? { ...row, issuer_code: unit.code, issuer_name: unit.name }
		: { ...row, issuer_code: null, issuer_name: ROOT_UNIT_NAME };
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
