import { withAudit, type AuditEntry } from '../db/audit';
import { getCaseRow, type CaseRow } from '../db/cases';
import type { User } from '../db/users';
import type { Env } from '../env';
import { startFanout, type FanoutRequest } from '../fanout/job';
import { hashedClientAddress } from './client';
import { ApiError } from './errors';

/** What the helpers below read from any route's context (each route's context type differs by its body). */
export interface C {
	env: Env;
	get(key: 'user'): User;
	req: { header(name: string): string | undefined };
}

export async function audit(
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

export async function loadCase(c: C, id: string): Promise<CaseRow> {
	const row = await getCaseRow(c.env.DB, id);
	if (!row) throw new ApiError('not_found', 'There is no case with this id.');
	return row;
}

/** Runs a guarded change with its audit row; a lost race (no row matched) is a 409 and leaves no audit row. */
export async function change(
	c: C,
	row: CaseRow,
	action: string,
	statements: D1PreparedStatement[],
	detail?: Record<string, unknown>
): Promise<CaseRow> {
	const [first] = await withAudit(c.env, await audit(c, action, row.id, detail), statements);
	if (!first || first.meta.changes === 0)
		throw new ApiError('conflict', 'The case changed meanwhile. Reload it and try again.');
	return loadCase(c, row.id);
}

export function requireStatus(row: CaseRow, ...allowed: CaseRow['status'][]): void {
	if (!allowed.includes(row.status))
		throw new ApiError('conflict', `This cannot be done to a ${row.status} case.`);
}

/** Starts the fan-out and returns its job ids (one per subscriber shard for an alert). */
export function fanOut(c: C, row: CaseRow, request: FanoutRequest): Promise<string[]> {
	return startFanout(c.env, row, request);
}
