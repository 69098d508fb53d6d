import { consoleGet } from '$lib/police/load';
import type { Partner } from '$lib/schemas';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, parent }) => {
	const { user } = await parent();
	if (user?.role !== 'admin') return { partners: [] };
	const { partners } = await consoleGet<{ partners: Partner[] }>(fetch, '/api/police/partners');
	return { partners };
}) satisfies PageLoad;
