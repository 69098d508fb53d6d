import { consoleGet } from '$lib/police/load';
import type { AdminUser } from '$lib/police/admin/types';
import { withUnit } from '$lib/police/units/scope';
import type { Unit } from '$lib/schemas';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, parent, url }) => {
	const { user } = await parent();
	if (user?.role !== 'admin') return { users: [], paused: false, units: [] };
	const [{ users }, { paused }, { units }] = await Promise.all([
		// The unit picker's `?unit=` narrows the list to one unit's subtree (API.md "Police units").
		consoleGet<{ users: AdminUser[] }>(fetch, withUnit('/api/police/users', url)),
		consoleGet<{ paused: boolean }>(fetch, '/api/police/sending'),
		consoleGet<{ units: Unit[] }>(fetch, '/api/police/units')
	]);
	return { users, paused, units };
}) satisfies PageLoad;
