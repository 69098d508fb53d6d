import { consoleGet } from '$lib/police/load';
import type { Unit } from '$lib/schemas';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, parent }) => {
	const { user } = await parent();
	if (user?.role !== 'admin') return { units: [] };
	return { units: (await consoleGet<{ units: Unit[] }>(fetch, '/api/police/units')).units };
}) satisfies PageLoad;
