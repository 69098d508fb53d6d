import type { GeohashRange } from '../../src/lib/geo';

// Which subscriber database reads and which write each geohash (issue 23, moving a prefix online). Pure: the shard
// map (shards.ts) feeds it SUBSCRIBER_SHARDS and the `shard_moves` rows; the unit test walks every state.

export type MoveState = 'copy' | 'dual' | 'switched' | 'delete' | 'done' | 'rollback' | 'cancelled';

/** A `shard_moves` row as the routing needs it: the latest row per prefix counts. */
export interface MoveRoute {
	prefix: string;
	from: string;
	to: string;
	state: MoveState;
}

/** Where one prefix's rows are read (the fan-out walks, the audience counts) and written, source first. */
export interface Route {
	read: string;
	write: string[];
}

/**
 * The state machine's table. Writes go to both databases from the copy on (a copy without them would lose every
 * write behind its cursor), source before target (the copy's re-checks rely on that order); reads move in one
 * step at the switch; the old copy stops being written only once nothing reads it.
 */
export function routeOf(move: MoveRoute): Route | null {
	const { from, to } = move;
	switch (move.state) {
		case 'copy':
		case 'dual':
			return { read: from, write: [from, to] };
		case 'switched':
			return { read: to, write: [from, to] };
		case 'delete':
		case 'done':
			return { read: to, write: [to] };
		case 'rollback':
			return { read: from, write: [from] };
		case 'cancelled':
			return null;
	}
}

export interface StaticShard {
	name: string;
	prefixes: string[];
}

export interface Routing {
	/** The database whose rows of this geohash are read. */
	readShard(geohash: string): string;
	/** The databases a row of this geohash is written to, a move's source before its target. */
	writeShards(geohash: string): string[];
	/** Every database, a running move's source before its target: the order whole-device writes and deletes take. */
	writeOrder: string[];
	/** The parts of `ranges` whose rows `shard` reads: a fan-out job's walk, fixed when it is planned. */
	rangesFor(shard: string, ranges: GeohashRange[]): GeohashRange[];
	/** The move under way, if any (at most one: migration 0105). */
	active: MoveRoute | null;
	/** Every prefix with an owner of its own (SUBSCRIBER_SHARDS' and moved ones). */
	prefixes: string[];
}

interface Entry {
	prefix: string;
	route: Route;
}

/** `moves` oldest first; SUBSCRIBER_SHARDS is the base and each prefix's latest move lies over it. */
export function buildRouting(shards: StaticShard[], moves: MoveRoute[]): Routing {
	const byPrefix = new Map<string, Entry>();
	for (const shard of shards)
		for (const prefix of shard.prefixes)
			byPrefix.set(prefix, { prefix, route: { read: shard.name, write: [shard.name] } });
	for (const move of moves) {
		const route = routeOf(move);
		if (route) byPrefix.set(move.prefix, { prefix: move.prefix, route });
	}
	// Longest first, so the first match is the longest prefix.
	const entries = [...byPrefix.values()].sort((a, b) => b.prefix.length - a.prefix.length);
	const routeFor = (geohash: string): Route => {
		const entry = entries.find((e) => geohash.startsWith(e.prefix));
		if (!entry) throw new Error(`no subscriber shard holds geohash ${geohash}`);
		return entry.route;
	};
	const active = [...moves].reverse().find((m) => m.state !== 'done' && m.state !== 'cancelled') ?? null;
	const names = shards.map((s) => s.name);
	const writeOrder = active ? [...names.filter((n) => n !== active.to), active.to] : names;
	return {
		readShard: (geohash) => routeFor(geohash).read,
		writeShards: (geohash) => routeFor(geohash).write,
		writeOrder,
		rangesFor(shard, ranges) {
			const out: GeohashRange[] = [];
			for (const range of ranges)
				for (const piece of splitAtPrefixes(range, entries))
					if (routeFor(piece.from).read === shard) pushMerged(out, piece);
			return out;
		},
		active,
		prefixes: entries.map((e) => e.prefix)
	};
}

// Keys are 5-character geohashes, whose alphabet sorts as ASCII does; a prefix holds the keys from itself padded
// with '0' to itself padded with 'z'.
const ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';
const KEY_LENGTH = 5;

function keyValue(key: string): number {
	let value = 0;
	for (const char of key.padEnd(KEY_LENGTH, '0').slice(0, KEY_LENGTH))
		value = value * 32 + ALPHABET.indexOf(char);
	return value;
}

function keyOf(value: number): string {
	let key = '';
	for (let i = 0; i < KEY_LENGTH; i++, value = Math.floor(value / 32)) key = ALPHABET[value % 32] + key;
	return key;
}

/** The first and last key of a prefix. */
export function prefixKeys(prefix: string): GeohashRange {
	return { from: prefix.padEnd(KEY_LENGTH, '0'), to: prefix.padEnd(KEY_LENGTH, 'z') };
}

/** Cuts a range where any prefix begins or ends, so that one route holds each piece. */
function splitAtPrefixes(range: GeohashRange, entries: Entry[]): GeohashRange[] {
	const from = keyValue(range.from);
	const to = keyValue(range.to);
	const cuts = new Set<number>();
	for (const { prefix } of entries) {
		if (!prefix) continue;
		const keys = prefixKeys(prefix);
		for (const cut of [keyValue(keys.from), keyValue(keys.to) + 1])
			if (cut > from && cut <= to) cuts.add(cut);
	}
	const starts = [from, ...[...cuts].sort((a, b) => a - b)];
	return starts.map((start, i) => ({ from: keyOf(start), to: keyOf((starts[i + 1] ?? to + 1) - 1) }));
}

/** Appends a piece, joining it to the last range when they touch (the walk stays as few ranges as before). */
function pushMerged(out: GeohashRange[], piece: GeohashRange): void {
	const last = out.at(-1);
	if (last && keyValue(last.to) + 1 === keyValue(piece.from)) last.to = piece.to;
	else out.push({ ...piece });
}
