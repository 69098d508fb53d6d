import { consoleGet } from '$lib/police/load';
import type { AdminUser } from '$lib/police/admin/types';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, parent }) => {
	const { user } = await parent();
	if (user?.role !== 'admin') return { users: [], paused: false };
	const [{ users }, { paused }] = await Promise.all([
		consoleGet<{ users: AdminUser[] }>(fetch, '/api/police/users'),
		consoleGet<{ paused: boolean }>(fetch, '/api/police/sending')
	]);
	return { users, paused };
}) satisfies PageLoad;
