import { error } from '@sveltejs/kit';
import type { PoliceCase } from '$lib/police/api';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, params }) => {
	const response = await fetch(`/api/police/cases/${encodeURIComponent(params.id)}`);
	if (!response.ok)
		error(response.status, { message: response.status === 404 ? 'case.notFound' : 'common.error' });
	// The audience is counted by the radius schedule on the page, per step, for the case's own recipients.
	return { case: (await response.json()) as PoliceCase };
}) satisfies PageLoad;
