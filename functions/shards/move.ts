import { withAudit, type AuditEntry } from '../db/audit';
import { runningWalks } from '../db/fanout-jobs';
import {
	copyRegionStatement,
	countRegions,
	deleteRegionStatement,
	deleteUnchangedStatement,
	keyOfRow,
	readRegionPage,
	readRegionsBetween,
	type FullRegionRow,
	type RowKey
} from '../db/region-moves';
import {
	activeMove,
	enterStateStatement,
	progressStatement,
	startMoveStatement,
	type PassProgress,
	type ShardMove
} from '../db/shard-moves';
import { prefixKeys, type MoveRoute, type MoveState } from '../db/shard-routing';
import { createShardMap } from '../db/shards';
import type { Env } from '../env';
import type { GeohashRange } from '../../src/lib/geo';

// Moves a geohash prefix from one subscriber database to another while subscriptions arrive and alerts run
// (issue 23). Each call of `stepMove` does one bounded piece of the current state's pass and records its cursor
// in the routing table, so a mover that dies resumes where it stopped, and two movers at once change nothing twice.
//
//   copy      writes go to both (source first); the copy pass walks the source by cursor, never overwriting
//   dual      writes still go to both; a verify pass mends what raced the copy (writes by requests that read the
//             routing before the move began)
//   switched  reads move to the target in one routing change; writes still go to both, so walks planned before
//             the switch (which keep reading the source) see every change, and a rollback loses nothing
//   delete    once no such walk runs: writes go to the target alone; the delete pass empties the source's prefix
//   done      the routing row stays the prefix's owner (until SUBSCRIBER_SHARDS says the same, docs/scale.md)
//
// Before the switch a rollback cleans the target (rollback → cancelled); after it, back to `dual`.

export interface StepOptions {
	/** Each state first waits this long: requests that read the routing before it finish meanwhile. */
	settleMs: number;
	/** Rows per page and pages per step: one step stays well inside a Worker invocation. */
	pageRows: number;
	pages: number;
}

/** The audit row of a change of state (police routes pass the acting admin's). */
export type Recorder = (move: MoveRoute, state: MoveState) => Promise<AuditEntry>;

export const DEFAULT_STEP: StepOptions = { settleMs: 60_000, pageRows: 200, pages: 10 };

export type StepResult =
	| { did: 'idle' }
	| { did: 'waiting'; move: ShardMove; for: 'settle' | 'fanout' }
	| { did: 'progress'; move: ShardMove }
	| { did: 'entered'; move: ShardMove; state: MoveState }
	/** Another mover moved the same cursor first; this step's writes were the same and did no harm. */
	| { did: 'raced'; move: ShardMove };

export class MoveError extends Error {
	constructor(
		readonly code: 'validation_failed' | 'conflict',
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

const PREFIX = /^[0-9b-hjkmnp-z]{1,5}$/;
/** Past the last subscription id (base64url): a pass's bound at the end of the prefix. */
const LAST_ID = '~';

/** Records a new move of `prefix` to the shard `to`; the same move asked again returns the one running. */
export async function startMove(
	env: Env,
	prefix: string,
	to: string,
	record: Recorder,
	now: Date
): Promise<{ move: ShardMove; created: boolean }> {
	if (!PREFIX.test(prefix))
		throw new MoveError('validation_failed', 'A prefix is 1–5 geohash characters.', 'prefix');
	const shards = createShardMap(env);
	if (!shards.shards.some((s) => s.name === to))
		throw new MoveError('validation_failed', `${to} is not a database in SUBSCRIBER_SHARDS.`, 'to');
	const running = await activeMove(env.DB);
	if (running) {
		if (running.prefix === prefix && running.to === to) return { move: running, created: false };
		throw new MoveError(
			'conflict',
			`Moving ${running.prefix} to ${running.to} is under way; one move at a time.`
		);
	}
	const routing = await shards.routing();
	// A longer prefix inside this one with its own owner would be swept along by the copy and the delete.
	const inside = routing.prefixes.find((p) => p !== prefix && p.startsWith(prefix));
	if (inside)
		throw new MoveError(
			'conflict',
			`${inside} lies inside ${prefix} and has its own shard: move it separately.`,
			'prefix'
		);
	const from = routing.readShard(prefix);
	if (from === to) throw new MoveError('conflict', `${prefix} is already read from ${to}.`, 'to');
	const [inserted] = await withAudit(env, await record({ prefix, from, to, state: 'copy' }, 'copy'), [
		startMoveStatement(env.DB, { prefix, from, to }, now)
	]);
	const move = await activeMove(env.DB);
	// Null or another prefix: a second start won the race in between.
	if (!move || move.prefix !== prefix || move.to !== to)
		throw new MoveError('conflict', 'Another move started at the same moment.');
	return { move, created: (inserted?.meta.changes ?? 0) > 0 };
}

/** Before the switch: undo (clean the target); after it: back to reading the source. Deleting cannot be undone. */
export async function rollbackMove(
	env: Env,
	record: Recorder,
	now: Date
): Promise<{ move: ShardMove; state: MoveState }> {
	const move = await activeMove(env.DB);
	if (!move) throw new MoveError('conflict', 'No move is under way.');
	const back: Partial<Record<MoveState, MoveState>> = {
		copy: 'rollback',
		dual: 'rollback',
		switched: 'dual'
	};
	const state = back[move.state];
	if (!state)
		throw new MoveError(
			'conflict',
			`A move in ${move.state} cannot go back; let it finish and move the prefix back if needed.`
		);
	if ((await enter(env, move, state, now, record)).did === 'raced')
		throw new MoveError('conflict', 'The move changed meanwhile; look again and retry.');
	return { move, state };
}

/** One bounded piece of the running move (see the table above). */
export async function stepMove(
	env: Env,
	options: StepOptions,
	record: Recorder,
	now = new Date()
): Promise<StepResult> {
	const move = await activeMove(env.DB);
	if (!move) return { did: 'idle' };
	const atStart = !move.cursor.geohash;
	if (atStart && now.getTime() - Date.parse(move.stateAt) < options.settleMs)
		return { did: 'waiting', move, for: 'settle' };
	const shards = createShardMap(env);
	const source = shards.byName(move.from).db;
	const target = shards.byName(move.to).db;
	const keys = prefixKeys(move.prefix);
	switch (move.state) {
		case 'copy':
		case 'dual': {
			const next: MoveState = move.state === 'copy' ? 'dual' : 'switched';
			return runPass(env, move, options, now, next, record, (cursor) =>
				syncPage(source, target, keys, cursor, options.pageRows)
			);
		}
		case 'switched':
			if (await walked(env, move.from, keys)) return { did: 'waiting', move, for: 'fanout' };
			return enter(env, move, 'delete', now, record);
		case 'delete':
			return runPass(env, move, options, now, 'done', record, (cursor) =>
				deletePage(source, keys, cursor, options.pageRows)
			);
		case 'rollback':
			// A walk planned while reads were switched (before a rollback to dual) may still read the target.
			if (atStart && (await walked(env, move.to, keys))) return { did: 'waiting', move, for: 'fanout' };
			return runPass(env, move, options, now, 'cancelled', record, (cursor) =>
				deletePage(target, keys, cursor, options.pageRows)
			);
		default:
			return { did: 'idle' };
	}
}

interface PageResult extends Omit<PassProgress, 'cursor'> {
	/** Null when the pass reached the end of the prefix. */
	next: RowKey | null;
}

async function runPass(
	env: Env,
	move: ShardMove,
	options: StepOptions,
	now: Date,
	nextState: MoveState,
	record: Recorder,
	page: (cursor: RowKey) => Promise<PageResult>
): Promise<StepResult> {
	let cursor: RowKey = move.cursor;
	const total = { copied: 0, mended: 0, deleted: 0 };
	for (let i = 0; i < options.pages; i++) {
		const result = await page(cursor);
		total.copied += result.copied ?? 0;
		total.mended += result.mended ?? 0;
		total.deleted += result.deleted ?? 0;
		// The pass is through: its counts land with the state change, which starts the next pass at the beginning.
		if (!result.next) return enter(env, move, nextState, now, record, total);
		cursor = result.next;
	}
	const result = await progressStatement(env.DB, move, { cursor, ...total }, now).run();
	if (result.meta.changes === 0) return { did: 'raced', move };
	return { did: 'progress', move: { ...move, cursor } };
}

/** A change of state and its audit row, in one batch: neither lands without the other. */
async function enter(
	env: Env,
	move: ShardMove,
	state: MoveState,
	now: Date,
	record: Recorder,
	counts: Omit<PassProgress, 'cursor'> = {}
): Promise<StepResult> {
	const statement = enterStateStatement(env.DB, move, state, now, counts);
	const [result] = await withAudit(env, await record(move, state), [statement], now);
	if (!result?.meta.changes) return { did: 'raced', move };
	return { did: 'entered', move: { ...move, state }, state };
}

/**
 * Copies a page of the source into the target, then re-reads the source and mends the target's rows of the same
 * keys: a row the source no longer has (deleted or moved to another region meanwhile) or holds otherwise is taken
 * out unless it was rewritten since it was read, and the source's row copied in its place. Writers write the
 * source before the target (routing writeShards), so a row the target has and the source lacks is on its way out.
 */
async function syncPage(
	source: D1Database,
	target: D1Database,
	keys: GeohashRange,
	cursor: RowKey,
	limit: number
): Promise<PageResult> {
	const page = await readRegionPage(source, keys, cursor, limit);
	const full = page.length === limit;
	const last: RowKey = full ? keyOfRow(page.at(-1)!) : { geohash: keys.to, id: LAST_ID };
	const before = await readRegionsBetween(target, keys, cursor, last);
	const copies = page.length ? await target.batch(page.map((row) => copyRegionStatement(target, row))) : [];
	const now = new Map(
		(await readRegionsBetween(source, keys, cursor, last)).map((row) => [keyText(row), row])
	);
	const mend: D1PreparedStatement[] = [];
	const deletes: number[] = [];
	for (const row of [...before, ...page]) {
		const current = now.get(keyText(row));
		if (current && sameRow(current, row)) continue;
		// The source's row goes in after the delete; when the delete found the row rewritten, the copy is a no-op.
		deletes.push(mend.push(deleteUnchangedStatement(target, row)) - 1);
		if (current) mend.push(copyRegionStatement(target, current));
	}
	const mended = mend.length ? await target.batch(mend) : [];
	return {
		next: full ? last : null,
		copied: changes(copies),
		mended: deletes.filter((i) => (mended[i]?.meta.changes ?? 0) > 0).length
	};
}

async function deletePage(
	db: D1Database,
	keys: GeohashRange,
	cursor: RowKey,
	limit: number
): Promise<PageResult> {
	const page = await readRegionPage(db, keys, cursor, limit);
	if (page.length) await db.batch(page.map((row) => deleteRegionStatement(db, keyOfRow(row))));
	if (page.length === limit) return { next: keyOfRow(page.at(-1)!), deleted: page.length };
	// The end: a write that reached this database behind the cursor (before the settle ran out) means one more pass.
	if ((await countRegions(db, keys)) > 0) return { next: { geohash: '', id: '' }, deleted: page.length };
	return { next: null, deleted: page.length };
}

const keyText = (row: FullRegionRow) => `${row.geohash}/${row.subscription_id}`;

function sameRow(a: FullRegionRow, b: FullRegionRow): boolean {
	return (
		a.updated_at === b.updated_at &&
		a.endpoint === b.endpoint &&
		a.auth === b.auth &&
		a.p256dh === b.p256dh &&
		a.regions === b.regions &&
		a.lang === b.lang &&
		a.officer_user_id === b.officer_user_id &&
		(a.quiet_start ?? null) === (b.quiet_start ?? null) &&
		(a.quiet_end ?? null) === (b.quiet_end ?? null) &&
		(a.quiet_zone ?? null) === (b.quiet_zone ?? null)
	);
}

function changes(results: D1Result[]): number {
	return results.reduce((sum, r) => sum + (r.meta.changes ?? 0), 0);
}

/** Whether a running alert walk reads `keys` from `shard` (it keeps the shards its plan chose). */
async function walked(env: Env, shard: string, keys: GeohashRange): Promise<boolean> {
	const walks = await runningWalks(env.DB, shard);
	return walks.some((walk) => walk.ranges.some((range) => overlaps(range, keys)));
}

function overlaps(a: GeohashRange, b: GeohashRange): boolean {
	return a.from <= b.to && b.from <= a.to;
}
