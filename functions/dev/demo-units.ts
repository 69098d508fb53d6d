import type { NewUnit } from '../db/units';

/**
 * Local mode's unit tree (API.md "Police units"): 公安部 (the root of migration 0090) → 上海市公安局 (a
 * provincial-level unit directly under the ministry) and 湖北省公安厅 → 武汉市公安局. Areas are circles: no
 * polygon set of China's divisions ships with the platform (functions/units/area.ts), so each circle is a rough
 * stand-in for the division, drawn to hold the city or province and little of its neighbours.
 */
export const DEMO_UNITS: NewUnit[] = [
	{
		id: 'unit-shanghai',
		code: '310000',
		name: '上海市公安局',
		parentId: 'root',
		level: 'province',
		area: { circles: [{ lat: 31.2, lon: 121.45, radiusKm: 80 }] },
		maxRadiusKm: 500
	},
	{
		id: 'unit-hubei',
		code: '420000',
		name: '湖北省公安厅',
		parentId: 'root',
		level: 'province',
		// West (恩施, 宜昌, 十堰) and east (武汉, 黄冈, 襄阳's south) halves of the province.
		area: {
			circles: [
				{ lat: 31.2, lon: 110.4, radiusKm: 200 },
				{ lat: 30.8, lon: 113.8, radiusKm: 200 }
			]
		},
		maxRadiusKm: 500
	},
	{
		id: 'unit-wuhan',
		code: '420100',
		name: '武汉市公安局',
		parentId: 'unit-hubei',
		level: 'city',
		area: { circles: [{ lat: 30.59, lon: 114.3, radiusKm: 60 }] },
		maxRadiusKm: 300
	}
];

/** Which unit each demo case belongs to; the others stay with the ministry. */
export const DEMO_CASE_UNITS: Record<string, { unitId: string; officer: string; approver: string }> = {
	'demo-shanghai': { unitId: 'unit-shanghai', officer: 'demo-officer', approver: 'demo-approver' },
	'demo-wuhan': { unitId: 'unit-wuhan', officer: 'demo-wuhan-officer', approver: 'demo-wuhan-approver' }
};
