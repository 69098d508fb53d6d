import { error } from '@sveltejs/kit';
import { discardBody } from '$lib/api/discard';
import { statsSchema } from '$lib/schemas/stats';
import type { PageLoad } from './$types';

export const load = (async ({ fetch }) => {
	const response = await fetch('/api/stats');
	if (!response.ok) {
		await discardBody(response);
		error(response.status, { message: 'stats.loadFailed' });
	}
	return { stats: statsSchema.parse(await response.json()) };
}) satisfies PageLoad;
