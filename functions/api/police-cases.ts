import { Hono } from 'hono';
import {
	approveSchema,
	cancelSchema,
	caseCreateSchema,
	casePatchSchema,
	caseUpdateSchema,
	emptySchema,
	resolveSchema
} from '../../src/lib/schemas';
import { withAudit, type AuditEntry } from '../db/audit';
import { caseEventStatement, editStatement, newDraftRow, transitionStatement } from '../db/case-edits';
import { getCaseRow, insertCaseStatement, listRecentCases, type CaseRow } from '../db/cases';
import { countNewTipsByCase } from '../db/tips';
import { hasRole } from '../db/users';
import { startFanout, type FanoutRequest } from '../fanout/job';
import { randomId } from '../lib/hash';
import { hashedClientAddress } from './client';
import { ApiError } from './errors';
import { toPoliceCase } from './police-view';
import { roleError, type PoliceEnv } from './session';
import { jsonBody } from './validate';
import type { User } from '../db/users';
import type { Env } from '../env';

/** What the helpers below read from any route's context (each route's context type differs by its body). */
interface C {
	env: Env;
	get(key: 'user'): User;
	req: { header(name: string): string | undefined };
}

async function audit(
	c: C,
	action: string,
	caseId: string,
	detail?: Record<string, unknown>
): Promise<AuditEntry> {
	const user = c.get('user');
	return {
		userId: user.id,
		username: user.username,
		action,
		caseId,
		detail,
		ipHash: await hashedClientAddress(c)
	};
}

async function loadCase(c: C, id: string): Promise<CaseRow> {
	const row = await getCaseRow(c.env.DB, id);
	if (!row) throw new ApiError('not_found', 'There is no case with this id.');
	return row;
}

/** Runs a guarded change with its audit row; a lost race (no row matched) is a 409 and leaves no audit row. */
async function change(
	c: C,
	row: CaseRow,
	action: string,
	statements: D1PreparedStatement[],
	detail?: Record<string, unknown>
): Promise<CaseRow> {
	const [first] = await withAudit(c.env.DB, await audit(c, action, row.id, detail), statements);
	if (!first || first.meta.changes === 0)
		throw new ApiError('conflict', 'The case changed meanwhile. Reload it and try again.');
	return loadCase(c, row.id);
}

function requireStatus(row: CaseRow, ...allowed: CaseRow['status'][]): void {
	if (!allowed.includes(row.status))
		throw new ApiError('conflict', `This cannot be done to a ${row.status} case.`);
}

async function fanOut(c: C, row: CaseRow, request: FanoutRequest): Promise<void> {
	await startFanout(c.env, row, request);
}

export const policeCases = new Hono<PoliceEnv>()
	.post('/', jsonBody(caseCreateSchema), async (c) => {
		const row = newDraftRow(`c-${randomId(9)}`, c.get('body'), c.get('user').id, new Date());
		await withAudit(c.env.DB, await audit(c, 'create', row.id), [insertCaseStatement(c.env.DB, row)]);
		return c.json({ id: row.id, version: row.version }, 201);
	})
	.get('/', async (c) => {
		const [rows, newTips] = await Promise.all([listRecentCases(c.env.DB, 200), countNewTipsByCase(c.env.DB)]);
		return c.json({
			cases: rows.map((row) => ({ ...toPoliceCase(row), newTips: newTips.get(row.id) ?? 0 }))
		});
	})
	.get('/:id', async (c) => c.json(toPoliceCase(await loadCase(c, c.req.param('id')))))
	.patch('/:id', jsonBody(casePatchSchema), async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'draft', 'pending');
		const patch = c.get('body');
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
	.post('/:id/approve', jsonBody(approveSchema), async (c) => {
		const user = c.get('user');
		const row = await loadCase(c, c.req.param('id'));
		// Two-person rule: an officer cannot approve, and nobody approves their own case.
		if (!hasRole(user, 'approver')) throw roleError(c.get('assignedRole'), 'approver');
		if (row.created_by === user.id)
			throw new ApiError('forbidden', 'A second officer must approve this case: you wrote it.');
		const { confirm, version } = c.get('body');
		requireStatus(row, 'pending');
		if (version !== row.version)
			throw new ApiError('conflict', 'The case was edited after you previewed it. Review it again.');
		if (confirm.normalize('NFC') !== row.child_name.normalize('NFC')) {
			throw new ApiError('validation_failed', 'Type the child’s name exactly as shown to confirm.', {
				field: 'confirm'
			});
		}
		const published = await change(
			c,
			row,
			'approve',
			[transitionStatement(c.env.DB, row, 'published', { approvedBy: user.id }, new Date())],
			{ version }
		);
		await fanOut(c, published, { kind: 'alert' });
		return c.json(toPoliceCase(published), 202);
	})
	.post('/:id/updates', jsonBody(caseUpdateSchema), async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'published');
		const { text } = c.get('body');
		await withAudit(c.env.DB, await audit(c, 'update', row.id), [
			caseEventStatement(c.env.DB, row.id, 'update', text, c.get('user').id, new Date())
		]);
		await fanOut(c, row, { kind: 'update', text });
		return c.json(toPoliceCase(await loadCase(c, row.id)), 201);
	})
	.post('/:id/resolve', jsonBody(resolveSchema), async (c) => {
		const row = await loadCase(c, c.req.param('id'));
		requireStatus(row, 'published');
		const { outcome, circumstance, text } = c.get('body');
		const now = new Date();
		const statements = [transitionStatement(c.env.DB, row, 'resolved', { outcome, circumstance }, now)];
		if (text)
			statements.push(
				caseEventStatement(c.env.DB, row.id, 'resolved', text, c.get('user').id, now, row.version + 1)
			);
		const resolved = await change(c, row, 'resolve', statements, { outcome, circumstance });
		await fanOut(c, resolved, { kind: 'resolved', text });
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
		const cancelled = await change(
			c,
			row,
			'cancel',
			[
				transitionStatement(c.env.DB, row, 'cancelled', {}, now),
				caseEventStatement(c.env.DB, row.id, 'cancelled', reason, user.id, now, row.version + 1)
			],
			{ reason }
		);
		if (row.status === 'published') await fanOut(c, cancelled, { kind: 'cancelled' });
		return c.json(toPoliceCase(cancelled));
	});
