import { describe, expect, it } from 'vitest';
import { buildRouting, type MoveRoute, type MoveState } from './shard-routing';

// The three-shards layout of the Worker tests: the case database holds the rest, "wt" one shard, "ws" another.
const STATIC = [
	{ name: 'DB', prefixes: [''] },
	{ name: 'DB_SHARD_1', prefixes: ['wt'] },
	{ name: 'DB_SHARD_2', prefixes: ['ws'] }
];
const moving = (state: MoveState): MoveRoute => ({
	prefix: 'wt',
	from: 'DB_SHARD_1',
	to: 'DB_SHARD_2',
	state
});
const SHANGHAI = 'wtw3s';

describe('shard routing through a move of "wt" from DB_SHARD_1 to DB_SHARD_2', () => {
	it.each<[MoveState | 'none', string, string[]]>([
		['none', 'DB_SHARD_1', ['DB_SHARD_1']],
		// Writes reach both from the copy on, the source first; reads change only at the switch.
		['copy', 'DB_SHARD_1', ['DB_SHARD_1', 'DB_SHARD_2']],
		['dual', 'DB_SHARD_1', ['DB_SHARD_1', 'DB_SHARD_2']],
		['switched', 'DB_SHARD_2', ['DB_SHARD_1', 'DB_SHARD_2']],
		['delete', 'DB_SHARD_2', ['DB_SHARD_2']],
		['done', 'DB_SHARD_2', ['DB_SHARD_2']],
		['rollback', 'DB_SHARD_1', ['DB_SHARD_1']],
		['cancelled', 'DB_SHARD_1', ['DB_SHARD_1']]
	])('in %s, reads %s and writes %j', (state, read, write) => {
		const routing = buildRouting(STATIC, state === 'none' ? [] : [moving(state)]);
		expect(routing.readShard(SHANGHAI)).toBe(read);
		expect(routing.writeShards(SHANGHAI)).toEqual(write);
		// Other prefixes never move: Wuhan stays in DB_SHARD_2, Beijing in the case database.
		expect(routing.readShard('ws10k')).toBe('DB_SHARD_2');
		expect(routing.writeShards('wx4g0')).toEqual(['DB']);
	});

	it('orders whole-device writes with the target last while a move runs, and not after it', () => {
		expect(buildRouting(STATIC, [moving('copy')]).writeOrder).toEqual(['DB', 'DB_SHARD_1', 'DB_SHARD_2']);
		const intoCaseDb = { prefix: 'ws', from: 'DB_SHARD_2', to: 'DB', state: 'dual' as const };
		expect(buildRouting(STATIC, [intoCaseDb]).writeOrder).toEqual(['DB_SHARD_1', 'DB_SHARD_2', 'DB']);
		expect(buildRouting(STATIC, [{ ...intoCaseDb, state: 'done' }]).active).toBeNull();
	});

	it('gives each shard only the keys it reads, so one walk covers a prefix in the middle of a move', () => {
		// One range across the whole of "ws" and "wt" and a little either side.
		const ranges = [{ from: 'wrzzz', to: 'wu000' }];
		for (const state of ['copy', 'switched', 'done'] as const) {
			const routing = buildRouting(STATIC, [moving(state)]);
			const parts = Object.fromEntries(STATIC.map((s) => [s.name, routing.rangesFor(s.name, ranges)]));
			expect(parts.DB).toEqual([
				{ from: 'wrzzz', to: 'wrzzz' },
				{ from: 'wu000', to: 'wu000' }
			]);
			if (state === 'copy') {
				expect(parts.DB_SHARD_1).toEqual([{ from: 'wt000', to: 'wtzzz' }]);
				expect(parts.DB_SHARD_2).toEqual([{ from: 'ws000', to: 'wszzz' }]);
			} else {
				expect(parts.DB_SHARD_1).toEqual([]);
				// "ws" and "wt" touch: one range.
				expect(parts.DB_SHARD_2).toEqual([{ from: 'ws000', to: 'wtzzz' }]);
			}
		}
	});

	it('lets a later move of the same prefix win, and a longer prefix win over a shorter one', () => {
		const there = moving('done');
		const back = { prefix: 'wt', from: 'DB_SHARD_2', to: 'DB_SHARD_1', state: 'switched' as const };
		expect(buildRouting(STATIC, [there, back]).readShard(SHANGHAI)).toBe('DB_SHARD_1');
		const split = { prefix: 'wtw', from: 'DB_SHARD_1', to: 'DB', state: 'done' as const };
		const routing = buildRouting(STATIC, [split]);
		expect(routing.readShard(SHANGHAI)).toBe('DB');
		expect(routing.readShard('wtx00')).toBe('DB_SHARD_1');
		expect(routing.prefixes).toContain('wtw');
	});
});
