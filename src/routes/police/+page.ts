import { error } from '@sveltejs/kit';
import type { PoliceCase } from '$lib/police/api';
import type { PageLoad } from './$types';

export const load = (async ({ fetch }) => {
	const response = await fetch('/api/police/cases');
	// An empty list here would read as "no cases": an officer must see that the list failed, not that it is empty.
	if (!response.ok) error(response.status, { message: 'common.error' });
	return { cases: ((await response.json()) as { cases: PoliceCase[] }).cases };
}) satisfies PageLoad;
