import { Hono } from 'hono';
import {
	cancelSchema,
	caseCreateSchema,
	casePatchSchema,
	caseUpdateSchema,
	emptySchema,
	resolveSchema
} from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import { listCaseShapers } from '../../db/case-contributors';
import { caseEventStatement, editStatement, newDraftRow, transitionStatement } from '../../db/case-edits';
import { insertCaseStatement, listRecentCases } from '../../db/cases';
import { proposeRadiusStatement } from '../../db/radius-raise';
import { countNewTipsByCase } from '../../db/tips';
import { hasRole } from '../../db/users';
import { randomId } from '../../lib/hash';
import { deliverAnnouncement, recordCaseChange } from '../../case-changes';
import { actorEntry } from '../http/audit-entry';
import { change, loadCase, requireStatus, widestRadius } from './case-actions';
import { ApiError } from '../http/errors';
import { toPoliceCase } from './case-view';
import type { PoliceEnv } from '../auth/session';
import { jsonBody } from '../http/validate';
import { approvalUnitFor, readableUnitIds, requireJurisdiction } from './unit-guard';

export const policeCases = new Hono<PoliceEnv>()
	.post('/', jsonBody(caseCreateSchema), async (c) => {
		const body = c.get('body');
		await requireJurisdiction(c, body);
		const row = newDraftRow(`c-${randomId(9)}`, body, c.get('user'), new Date());
		await withAudit(c.env, await actorEntry(c, 'create', row.id), [insertCaseStatement(c.env.DB, row)]);
		return c.json({ id: row.id, version: row.version }, 201);
	})
	.get('/', async (c) => {
		const [rows, newTips] = await Promise.all([
			readableUnitIds(c).then((units) => listRecentCases(c.env.DB, 200, units)),
			countNewTipsByCase(c.env.DB)
		]);
		return c.json({
			cases: rows.map((row) => ({ ...toPoliceCase(row), newTips: newTips.get(row.id) ?? 0 }))
		});
	})
	.get('/:id', async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		const widest = Math.max(widestRadius(row), row.proposed_radius_km ?? 0);
		return c.json({
			...toPoliceCase(row),
			shapedBy: await listCaseShapers(c.env.DB, row.id),
			approvalUnit: await approvalUnitFor(c, row, widest)
		});
	})
	.patch('/:id', jsonBody(casePatchSchema), async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'draft', 'pending');
		const { version, ...patch } = c.get('body');
		if (patch.lat !== undefined || patch.lon !== undefined)
			await requireJurisdiction(c, { lat: patch.lat ?? row.lat, lon: patch.lon ?? row.lon });
		if (version !== undefined && version !== row.version)
			throw new ApiError(
				'conflict',
				'Someone saved this case after you opened it. Reload it and edit again.'
			);
		const updated = await change(c, row, 'edit', [editStatement(c.env.DB, row, patch, new Date())], {
			fields: Object.keys(patch)
		});
		return c.json(toPoliceCase(updated));
	})
	.post('/:id/submit', jsonBody(emptySchema), async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'draft');
		return c.json(
			toPoliceCase(
				await change(c, row, 'submit', [transitionStatement(c.env.DB, row, 'pending', {}, new Date())])
			)
		);
	})
	.post('/:id/updates', jsonBody(caseUpdateSchema), async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'published');
		const { text, radiusKm, sighting } = c.get('body');
		const user = c.get('user');
		const now = new Date();
		if (radiusKm !== undefined && radiusKm <= row.radius_km) {
			throw new ApiError('validation_failed', `A new radius must be larger than ${row.radius_km} km.`, {
				field: 'radiusKm'
			});
		}
		// The event itself is the guard of a plain update: it lands only on a case still published.
		const event = caseEventStatement(c.env.DB, row.id, 'update', text, user.id, now, {
			whileStatus: 'published',
			sighting
		});
		// The event's own time is the announcement's `at` for push and live alike (one identity per update).
		const announcement = recordCaseChange(c.env.DB, row.id, { kind: 'updated', text }, now);
		const updated =
			radiusKm === undefined
				? // The sighting itself (where and when the child was seen) stays in case_events, which retention
					// reduces; the audit row only says there was one, so the hash chain never holds the child's data.
					await change(
						c,
						row,
						'update',
						[event, announcement.statement],
						sighting ? { sighting: true } : undefined
					)
				: // A wider area is a new mass alert for the ring: it waits for a second officer (police-radius.ts).
					await change(
						c,
						row,
						'propose_radius',
						[proposeRadiusStatement(c.env.DB, row, radiusKm, user.id, now), event, announcement.statement],
						{ fromKm: row.radius_km, toKm: radiusKm }
					);
		await deliverAnnouncement(c.env, announcement.id, row, now);
		return c.json(toPoliceCase(updated), 201);
	})
	.post('/:id/resolve', jsonBody(resolveSchema), async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'published');
		const { outcome, circumstance, text } = c.get('body');
		const now = new Date();
		const announcement = recordCaseChange(c.env.DB, row.id, { kind: 'resolved', text }, now);
		const statements = [transitionStatement(c.env.DB, row, 'resolved', { outcome, circumstance }, now)];
		if (text)
			statements.push(
				caseEventStatement(c.env.DB, row.id, 'resolved', text, c.get('user').id, now, {
					atVersion: row.version + 1
				})
			);
		statements.push(announcement.statement);
		const resolved = await change(c, row, 'resolve', statements, { outcome, circumstance });
		await deliverAnnouncement(c.env, announcement.id, resolved, now);
		return c.json(toPoliceCase(resolved));
	})
	.post('/:id/cancel', jsonBody(cancelSchema), async (c) => {
		const user = c.get('user');
		const row = await loadCase(c, c.req.param('id'));
		if (row.created_by !== user.id && !hasRole(user, 'approver')) {
			throw new ApiError('forbidden', 'Only the author or an approver can cancel this case.');
		}
		requireStatus(row, 'draft', 'pending', 'published');
		const { reason } = c.get('body');
		const now = new Date();
		const announcement = recordCaseChange(
			c.env.DB,
			row.id,
			{ kind: 'cancelled', wasPublished: row.status === 'published' },
			now
		);
		const cancelled = await change(
			c,
			row,
			'cancel',
			[
				transitionStatement(c.env.DB, row, 'cancelled', {}, now),
				caseEventStatement(c.env.DB, row.id, 'cancelled', reason, user.id, now, {
					atVersion: row.version + 1
				}),
				announcement.statement
			],
			// The reason is free text (it may name the child): it is kept in case_events, not in the chain.
			{ from: row.status }
		);
		await deliverAnnouncement(c.env, announcement.id, cancelled, now);
		return c.json(toPoliceCase(cancelled));
	});
