import { error } from '@sveltejs/kit';
import type { PoliceCase } from '$lib/police/api';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, params }) => {
	const response = await fetch(`/api/police/cases/${encodeURIComponent(params.id)}`);
	if (!response.ok)
		error(response.status, { message: response.status === 404 ? 'case.notFound' : 'common.error' });
	const audience = await fetch(`/api/police/cases/${encodeURIComponent(params.id)}/audience`);
	return {
		case: (await response.json()) as PoliceCase,
		audience: audience.ok ? ((await audience.json()) as { subscribers: number }).subscribers : null
	};
}) satisfies PageLoad;
