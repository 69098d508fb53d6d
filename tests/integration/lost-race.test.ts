import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { withAudit } from '../../functions/db/audit';
import { caseEventStatement, transitionStatement } from '../../functions/db/case-edits';
import { getCaseRow } from '../../functions/db/cases';
import { insertCase } from './helpers/cases';

const CENTRE = { lat: 30.5728, lon: 104.0668 }; // Chengdu

const entry = (action: string, caseId: string) => ({ userId: null, username: 'race-test', action, caseId });

describe('a change that lost a race', () => {
	it('writes nothing at all: a resolve racing a cancel leaves one closing event and one audit row', async () => {
		const row = await insertCase({ ...CENTRE });
		const now = new Date();
		// Both officers loaded the case at the same version; the cancel lands first.
		const cancel = await withAudit(env, entry('cancel', row.id), [
			transitionStatement(env.DB, row, 'cancelled', {}, now),
			caseEventStatement(env.DB, row.id, 'cancelled', 'sent in error', 'u-1', now, {
				atVersion: row.version + 1
			})
		]);
		expect(cancel[0]!.meta.changes).toBe(1);
		// The resolve's event is guarded by the version its transition would reach, which the cancel reached too.
		const resolve = await withAudit(env, entry('resolve', row.id), [
			transitionStatement(env.DB, row, 'resolved', { outcome: 'found_safe', circumstance: 'lost' }, now),
			caseEventStatement(env.DB, row.id, 'resolved', 'found at home', 'u-2', now, {
				atVersion: row.version + 1
			})
		]);
		expect(resolve).toHaveLength(3);
		expect(resolve.map((r) => r.meta.changes)).toEqual([0, 0, 0]);

		const events = await env.DB.prepare(`SELECT kind FROM case_events WHERE case_id = ?`)
			.bind(row.id)
			.all<{ kind: string }>();
		expect(events.results.map((e) => e.kind)).toEqual(['cancelled']);
		const audit = await env.DB.prepare(`SELECT action FROM audit_log WHERE case_id = ?`)
			.bind(row.id)
			.all<{ action: string }>();
		expect(audit.results.map((a) => a.action)).toEqual(['cancel']);
		expect((await getCaseRow(env.DB, row.id))?.status).toBe('cancelled');
		const guard = await env.DB.prepare(`SELECT count(*) AS n FROM stale_change_guard`).first<{ n: number }>();
		expect(guard?.n).toBe(0);
	});

	it('lands an update only on a case still published: one posted as the case was cancelled writes nothing', async () => {
		const row = await insertCase({ ...CENTRE });
		const now = new Date();
		await withAudit(env, entry('cancel', row.id), [transitionStatement(env.DB, row, 'cancelled', {}, now)]);
		const late = await withAudit(env, entry('update', row.id), [
			caseEventStatement(env.DB, row.id, 'update', 'seen at the station', 'u-3', now, {
				whileStatus: 'published'
			})
		]);
		expect(late[0]!.meta.changes).toBe(0);
		const events = await env.DB.prepare(
			`SELECT count(*) AS n FROM case_events WHERE case_id = ? AND kind = 'update'`
		)
			.bind(row.id)
			.first<{ n: number }>();
		expect(events?.n).toBe(0);
	});
});
