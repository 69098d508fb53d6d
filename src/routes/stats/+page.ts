import { error } from '@sveltejs/kit';
import { discardBody } from '$lib/api/discard';
import { statsSchema } from '$lib/schemas/stats';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, url }) => {
	// `/stats?unit=420100`: one police unit and the units below it (API.md "Police units").
	const unit = url.searchParams.get('unit');
	const response = await fetch(unit ? `/api/stats?unit=${encodeURIComponent(unit)}` : '/api/stats');
	if (!response.ok) {
		await discardBody(response);
		error(response.status, { message: 'stats.loadFailed' });
	}
	return { stats: statsSchema.parse(await response.json()) };
}) satisfies PageLoad;
