import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { activeMove, recentMoves } from '../../db/shard-moves';
import type { MoveRoute } from '../../db/shard-routing';
import { DEFAULT_STEP, MoveError, rollbackMove, startMove, stepMove } from '../../shards/move';
import { mayGovernPlatform } from '../../units/policy';
import { requireRole, type PoliceEnv } from '../auth/session';
import { actorEntry } from '../http/audit-entry';
import { ApiError } from '../http/errors';
import { jsonBody } from '../http/validate';
import { actorOf, enforce, loadUnitTree } from './unit-guard';

// Moving a subscriber prefix online (issue 23; functions/shards/move.ts, docs/scale.md's runbook). The national
// admin alone, as the sending pause: a move touches every unit's devices. `npm run shards:move` drives these.

const startSchema = z.object({
	prefix: z.string().regex(/^[0-9b-hjkmnp-z]{1,5}$/),
	to: z.string().min(1).max(64)
});
const stepSchema = z.object({
	settleSeconds: z
		.number()
		.int()
		.min(0)
		.max(3600)
		.default(DEFAULT_STEP.settleMs / 1000),
	pageRows: z.number().int().min(1).max(1000).default(DEFAULT_STEP.pageRows),
	pages: z.number().int().min(1).max(50).default(DEFAULT_STEP.pages)
});

const national = createMiddleware<PoliceEnv>(async (c, next) => {
	enforce(mayGovernPlatform(await loadUnitTree(c), actorOf(c)), c.get('assignedRole'));
	await next();
});

function asApiError(error: unknown): never {
	if (error instanceof MoveError)
		throw new ApiError(error.code, error.message, error.field ? { field: error.field } : undefined);
	throw error;
}

/** Mounted at /api/police/shard-moves. */
export const policeShardMoves = new Hono<PoliceEnv>()
	.use(requireRole('admin'), national)
	.get('/', async (c) => {
		return c.json({ active: await activeMove(c.env.DB), recent: await recentMoves(c.env.DB, 20) });
	})
	.post('/', jsonBody(startSchema), async (c) => {
		const { prefix, to } = c.get('body');
		const { move, created } = await startMove(
			c.env,
			prefix,
			to,
			(m, s) => actorEntry(c, 'shard_move', null, moveDetail(m, s)),
			new Date()
		).catch(asApiError);
		return c.json({ move }, created ? 201 : 200);
	})
	// One bounded piece of the running move; every change of state is an audit row.
	.post('/step', jsonBody(stepSchema), async (c) => {
		const body = c.get('body');
		const result = await stepMove(c.env, { ...body, settleMs: body.settleSeconds * 1000 }, (move, state) =>
			actorEntry(c, 'shard_move', null, moveDetail(move, state))
		);
		return c.json(result);
	})
	.post('/rollback', async (c) => {
		const { move, state } = await rollbackMove(
			c.env,
			(m, s) => actorEntry(c, 'shard_move_rollback', null, moveDetail(m, s)),
			new Date()
		).catch(asApiError);
		return c.json({ move: { ...move, state } });
	});

function moveDetail(move: MoveRoute, state: string): Record<string, unknown> {
	return { prefix: move.prefix, from: move.from, to: move.to, state };
}
