import type { MoveRoute, MoveState } from './shard-routing';

/** A row of the routing table (migration 0105): one prefix's move and the progress of its current pass. */
export interface ShardMove extends MoveRoute {
	seq: number;
	cursor: { geohash: string; id: string };
	copied: number;
	mended: number;
	deleted: number;
	stateAt: string;
	createdAt: string;
	updatedAt: string;
}

interface MoveRow {
	seq: number;
	prefix: string;
	from_shard: string;
	to_shard: string;
	state: MoveState;
	cursor_geohash: string;
	cursor_id: string;
	copied: number;
	mended: number;
	deleted: number;
	state_at: string;
	created_at: string;
	updated_at: string;
}

const ROUTES = `SELECT prefix, from_shard, to_shard, state FROM shard_moves WHERE state != 'cancelled' ORDER BY seq`;
const ACTIVE = `SELECT * FROM shard_moves WHERE state NOT IN ('done', 'cancelled') ORDER BY seq DESC LIMIT 1`;
const RECENT = `SELECT * FROM shard_moves ORDER BY seq DESC LIMIT ?`;
// Conditional, so two starts at once make one move (and the unique index backs it).
const START = `INSERT INTO shard_moves (prefix, from_shard, to_shard, state, state_at, created_at, updated_at)
	SELECT ?1, ?2, ?3, 'copy', ?4, ?4, ?4 WHERE NOT EXISTS
	(SELECT 1 FROM shard_moves WHERE state NOT IN ('done', 'cancelled'))`;
// Every write names the state it read: a second mover (or a retried request) that lost the race changes nothing.
const PROGRESS = `UPDATE shard_moves SET cursor_geohash = ?, cursor_id = ?, copied = copied + ?, mended = mended + ?,
	deleted = deleted + ?, updated_at = ? WHERE seq = ? AND state = ? AND cursor_geohash = ? AND cursor_id = ?`;
const ENTER = `UPDATE shard_moves SET state = ?, cursor_geohash = '', cursor_id = '', copied = copied + ?,
	mended = mended + ?, deleted = deleted + ?, state_at = ?, updated_at = ?
	WHERE seq = ? AND state = ? AND cursor_geohash = ? AND cursor_id = ?`;

/** The routing rows, oldest first (cancelled moves route nothing). */
export async function listMoveRoutes(db: D1Database): Promise<MoveRoute[]> {
	const { results } = await db
		.prepare(ROUTES)
		.all<Pick<MoveRow, 'prefix' | 'from_shard' | 'to_shard' | 'state'>>();
	return results.map((r) => ({ prefix: r.prefix, from: r.from_shard, to: r.to_shard, state: r.state }));
}

export async function activeMove(db: D1Database): Promise<ShardMove | null> {
	const row = await db.prepare(ACTIVE).first<MoveRow>();
	return row ? toMove(row) : null;
}

export async function recentMoves(db: D1Database, limit: number): Promise<ShardMove[]> {
	const { results } = await db.prepare(RECENT).bind(limit).all<MoveRow>();
	return results.map(toMove);
}

/** Records a new move in its first state; false when another move is under way. */
export function startMoveStatement(
	db: D1Database,
	move: Omit<MoveRoute, 'state'>,
	now: Date
): D1PreparedStatement {
	return db.prepare(START).bind(move.prefix, move.from, move.to, now.toISOString());
}

export interface PassProgress {
	cursor: { geohash: string; id: string };
	copied?: number;
	mended?: number;
	deleted?: number;
}

/** Moves the pass's cursor on from the one `move` holds; no change when another mover got there first. */
export function progressStatement(
	db: D1Database,
	move: ShardMove,
	progress: PassProgress,
	now: Date
): D1PreparedStatement {
	return db
		.prepare(PROGRESS)
		.bind(
			progress.cursor.geohash,
			progress.cursor.id,
			progress.copied ?? 0,
			progress.mended ?? 0,
			progress.deleted ?? 0,
			now.toISOString(),
			move.seq,
			move.state,
			move.cursor.geohash,
			move.cursor.id
		);
}

/**
 * The next state, its pass starting from the beginning, with the last counts of the pass that ended; no change
 * unless the move is still where `move` saw it (state and cursor).
 */
export function enterStateStatement(
	db: D1Database,
	move: ShardMove,
	state: MoveState,
	now: Date,
	counts: Omit<PassProgress, 'cursor'> = {}
): D1PreparedStatement {
	const at = now.toISOString();
	return db
		.prepare(ENTER)
		.bind(
			state,
			counts.copied ?? 0,
			counts.mended ?? 0,
			counts.deleted ?? 0,
			at,
			at,
			move.seq,
			move.state,
			move.cursor.geohash,
			move.cursor.id
		);
}

function toMove(row: MoveRow): ShardMove {
	return {
		seq: row.seq,
		prefix: row.prefix,
		from: row.from_shard,
		to: row.to_shard,
		state: row.state,
		cursor: { geohash: row.cursor_geohash, id: row.cursor_id },
		copied: row.copied,
		mended: row.mended,
		deleted: row.deleted,
		stateAt: row.state_at,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}
