import { Hono } from 'hono';
import { z } from 'zod';
import { numericQuery, pushSubscriptionSchema, regionGeohashSchema } from '../../src/lib/schemas';
import { allAuditRows, checkAuditChain, listAudit, withAudit, type AuditRow } from '../db/audit';
import { isSendingPaused, setSendingPaused } from '../db/settings';
import { createShardMap } from '../db/shards';
import { findDevice, upsertSubscription } from '../db/subscriptions';
import { isLocalMode } from '../env';
import { isAllowedPushEndpoint } from '../lib/endpoint-policy';
import { ApiError, authMismatchError } from './errors';
import { requireRole, type PoliceEnv } from './session';
import { actorEntry } from './audit-entry';
import { jsonBody, queryParams } from './validate';

const pauseSchema = z.object({ paused: z.boolean() });
const auditQuery = z.object({
	format: z.enum(['json', 'csv']).default('json'),
	before: numericQuery(z.number().int().min(1)).optional(),
	limit: numericQuery(z.number().int().min(1).max(1000)).default(1000)
});
const deviceSchema = z.object({
	subscription: pushSubscriptionSchema,
	// API.md's body is `{ subscription }`: a device already subscribed keeps its regions; a new one names them.
	regions: z.array(regionGeohashSchema).min(1).max(3).optional()
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
	'hash'
];

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
function csvCell(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const policeAdmin = new Hono<PoliceEnv>()
	.post('/devices', jsonBody(deviceSchema), async (c) => {
		const { subscription, regions } = c.get('body');
		if (!isAllowedPushEndpoint(subscription.endpoint, isLocalMode(c.env))) {
			throw new ApiError(
				'endpoint_not_allowed',
				'This push endpoint does not belong to a known push service.',
				{ field: 'subscription.endpoint' }
			);
		}
		const user = c.get('user');
		const shards = createShardMap(c.env);
		const found = await findDevice(shards, subscription);
		// An officer marks only a subscription whose auth secret they present, or anyone could claim a device.
		if (found.mismatch) throw authMismatchError();
		const { known } = found;
		const deviceRegions = regions ?? known?.regions;
		if (!deviceRegions) {
			throw new ApiError(
				'validation_failed',
				'This device has no region yet. Choose one on the home page first, or send regions.',
				{ field: 'regions' }
			);
		}
		// An officer's device: exercises reach only these (functions/fanout/select.ts, officersOnly).
		const { id } = await upsertSubscription(
			shards,
			{ subscription, regions: deviceRegions, lang: known?.lang ?? 'zh-CN' },
			new Date(),
			user.id,
			found
		);
		await withAudit(c.env, await actorEntry(c, 'register_device'), []);
		return c.json({ id }, 201);
	})
	.get('/sending', requireRole('admin'), async (c) => c.json({ paused: await isSendingPaused(c.env.DB) }))
	.put('/sending', requireRole('admin'), jsonBody(pauseSchema), async (c) => {
		const { paused } = c.get('body');
		await setSendingPaused(c.env.DB, paused, new Date());
		await withAudit(c.env, await actorEntry(c, paused ? 'pause' : 'resume'), []);
		return c.json({ paused });
	})
	// Reads the whole log in one query: a chain can only be vouched for from its first row. Police actions come
	// to thousands of rows, not millions; a far longer log would need checkpoints.
	.get('/audit/verify', requireRole('admin'), async (c) => c.json(await checkAuditChain(c.env)))
	.get('/audit', requireRole('admin'), queryParams(auditQuery), async (c) => {
		const { format, before, limit } = c.get('query');
		if (format !== 'csv') {
			const entries = await listAudit(c.env.DB, limit, before);
			// `next` continues the list from the oldest row shown, until there is nothing older.
			return c.json({ entries, next: entries.length === limit ? entries.at(-1)!.id : null });
		}
		const lines = [CSV_COLUMNS.join(',')];
		for await (const row of allAuditRows(c.env.DB))
			lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
		return c.body(lines.join('\r\n'), 200, {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="reunion-audit.csv"'
		});
	});
