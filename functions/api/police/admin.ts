import { Hono } from 'hono';
import { z } from 'zod';
import { numericQuery } from '../../../src/lib/schemas';
import { allAuditRows, checkAuditChain, listAudit, withAudit, type AuditRow } from '../../db/audit';
import { isSendingPaused, setSendingPaused } from '../../db/settings';
import { requireRole, type PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { jsonBody, queryParams } from '../http/validate';
import { mayGovernPlatform } from '../../units/policy';
import { actorOf, enforce, loadUnitTree, readableUnitIds } from './unit-guard';

const pauseSchema = z.object({ paused: z.boolean() });
const auditQuery = z.object({
	format: z.enum(['json', 'csv']).default('json'),
	before: numericQuery(z.number().int().min(1)).optional(),
	limit: numericQuery(z.number().int().min(1).max(1000)).default(1000)
});
const CSV_COLUMNS: (keyof AuditRow)[] = [
	'id',
	'at',
	'username',
	'action',
	'case_id',
	'detail',
	'ip_hash',
	'prev_hash',
	'hash',
	'unit_id'
];

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
function csvCell(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Admin-only: the sending pause and the audit log. Mounted at /api/police. */
export const policeAdmin = new Hono<PoliceEnv>()
	.get('/sending', requireRole('admin'), async (c) => c.json({ paused: await isSendingPaused(c.env.DB) }))
	// The pause holds every unit's alerts: the national admin's alone (functions/units/policy.ts).
	.put('/sending', requireRole('admin'), jsonBody(pauseSchema), async (c) => {
		enforce(mayGovernPlatform(await loadUnitTree(c), actorOf(c)), c.get('assignedRole'));
		const { paused } = c.get('body');
		await setSendingPaused(c.env.DB, paused, new Date());
		await withAudit(c.env, await actorEntry(c, paused ? 'pause' : 'resume'), []);
		return c.json({ paused });
	})
	// Reads the whole log in one query: a chain can only be vouched for from its first row. Police actions come
	// to thousands of rows, not millions; a far longer log would need checkpoints.
	// An admin reads the rows of their unit and the units below it (rows before units belong to the root).
	.get('/audit/verify', requireRole('admin'), async (c) =>
		c.json(await checkAuditChain(c.env, await readableUnitIds(c)))
	)
	.get('/audit', requireRole('admin'), queryParams(auditQuery), async (c) => {
		const { format, before, limit } = c.get('query');
		const units = await readableUnitIds(c);
		if (format !== 'csv') {
			const entries = await listAudit(c.env.DB, limit, before, units);
			// `next` continues the list from the oldest row shown, until there is nothing older.
			return c.json({ entries, next: entries.length === limit ? entries.at(-1)!.id : null });
		}
		const lines = [CSV_COLUMNS.join(',')];
		for await (const row of allAuditRows(c.env.DB, 1000, units))
			lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
		return c.body(lines.join('\r\n'), 200, {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="reunion-audit.csv"'
		});
	});
