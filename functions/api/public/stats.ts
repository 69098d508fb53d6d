import { Hono } from 'hono';
import { statsQuerySchema } from '../../../src/lib/schemas/stats';
import { computeStats } from '../../../src/lib/stats/compute';
import { casesForStats } from '../../db/stats';
import { listUnits } from '../../db/units';
import type { Env } from '../../env';
import { publicJson } from '../../public-http/cache';
import { subtreeIds, unitTree } from '../../units/tree';
import { ApiError } from '../http/errors';
import { queryParams } from '../http/validate';

/**
 * `GET /api/stats` (API.md "Statistics"): months on the force's clock, the zone every page shows. `?unit=code`
 * counts one police unit and the units below it (API.md "Police units").
 */
export const stats = new Hono<{ Bindings: Env }>().get('/', queryParams(statsQuerySchema), async (c) => {
	const zone = c.env.PUBLIC_TIME_ZONE || 'UTC';
	const { unit: code } = c.get('query');
	let scope: { ids: string[]; unit: { code: string | null; name: string } } | undefined;
	if (code) {
		const units = await listUnits(c.env.DB);
		const unit = units.find((u) => u.code === code);
		if (!unit) throw new ApiError('not_found', 'There is no police unit with this code.', { field: 'unit' });
		scope = { ids: subtreeIds(unitTree(units), unit.id), unit: { code: unit.code, name: unit.name } };
	}
	const body = computeStats(await casesForStats(c.env.DB, scope?.ids), zone, new Date());
	// Counts move slowly; five minutes of caching keeps a widely shared statistics page off D1.
	return publicJson(c, scope ? { ...body, unit: scope.unit } : body, 'public, max-age=300');
});
