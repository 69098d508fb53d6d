import { consoleGet } from '$lib/police/load';
import type { Partner } from '$lib/schemas';
import { withUnit } from '$lib/police/units/scope';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, parent, url }) => {
	const { user } = await parent();
	if (user?.role !== 'admin') return { partners: [] };
	const { partners } = await consoleGet<{ partners: Partner[] }>(
		fetch,
		withUnit('/api/police/partners', url)
	);
	return { partners };
}) satisfies PageLoad;
