import { describe, expect, it } from 'vitest';
import type { Unit } from '../../schemas';
import { unitKey, unitOutline, unitShutOut, withUnit } from './scope';

const unit = (id: string, parentId: string | null, name: string, code: string | null = null): Unit => ({
	id,
	code,
	name,
	parentId,
	level: 'city',
	area: { circles: [{ lat: 30, lon: 114, radiusKm: 10 }] },
	maxRadiusKm: 300,
	disabled: false
});

describe('unitOutline', () => {
	const units = [
		unit('root', null, '公安部'),
		unit('hb', 'root', '湖北省公安厅', '420000'),
		unit('wh', 'hb', '武汉市公安局', '420100'),
		unit('sh', 'root', '上海市公安局', '310000'),
		// A loop in the data (a → b → a) must not hang the walk.
		unit('a', 'b', 'A'),
		unit('b', 'a', 'B')
	];

	it('lists a unit and everything below it, depth-first, with depths, siblings in pinyin order', () => {
		// 湖北 (hú) before 上海 (shàng): Chinese collation, not code points.
		expect(unitOutline(units, 'root').map((r) => [r.unit.id, r.depth])).toEqual([
			['root', 0],
			['hb', 1],
			['wh', 2],
			['sh', 1]
		]);
		expect(unitOutline(units, 'hb').map((r) => r.unit.id)).toEqual(['hb', 'wh']);
		expect(unitOutline(units, 'a').map((r) => r.unit.id)).toEqual(['a', 'b']);
		expect(unitOutline(units, 'missing')).toEqual([]);
	});

	it('names a unit by its code, or its id without one; keeps ?unit on links', () => {
		expect(unitKey(units[2]!)).toBe('420100');
		expect(unitKey(units[0]!)).toBe('root');
		const url = new URL('https://x.test/police?unit=420100');
		expect(withUnit('/police/admin', url)).toBe('/police/admin?unit=420100');
		expect(withUnit('/api/police/audit?format=csv', url)).toBe('/api/police/audit?format=csv&unit=420100');
		expect(withUnit('/police', new URL('https://x.test/police'))).toBe('/police');
	});

	it('shuts a unit out when it or any unit above it is disabled', () => {
		const off = units.map((u) => (u.id === 'hb' ? { ...u, disabled: true } : u));
		expect(unitShutOut(off, 'wh')).toBe(true);
		expect(unitShutOut(off, 'hb')).toBe(true);
		expect(unitShutOut(off, 'sh')).toBe(false);
		expect(unitShutOut(off, 'a')).toBe(false);
	});
});
