import { describe, expect, it } from 'vitest';
import { MAX_SHARDS, pickShard, shardCount } from './hubs';

describe('live hub shards', () => {
	it('gives one object to a cell the map does not name, and the mapped count to a dense one', () => {
		expect(shardCount({}, 'wtw')).toBe(1);
		expect(shardCount({ LIVE_CELL_SHARDS: '{"wtw":8}' }, 'wtw')).toBe(8);
		expect(shardCount({ LIVE_CELL_SHARDS: '{"wtw":8}' }, 'wx4')).toBe(1);
	});

	it('refuses a count that is not a whole number within bounds', () => {
		for (const bad of [0, -1, 1.5, MAX_SHARDS + 1, '"4"']) {
			expect(() => shardCount({ LIVE_CELL_SHARDS: `{"wtw":${bad}}` }, 'wtw')).toThrow(/LIVE_CELL_SHARDS/);
		}
	});

	it('picks every shard of a dense cell and nothing outside it', () => {
		const env = { LIVE_CELL_SHARDS: '{"wtw":4}' };
		const picked = new Set(Array.from({ length: 400 }, () => pickShard(env, 'wtw')));
		expect([...picked].sort()).toEqual([0, 1, 2, 3]);
		expect(pickShard(env, 'wx4')).toBe(0);
	});
});
