import { error } from '@sveltejs/kit';
import { discardBody } from '$lib/api/discard';
import type { Case } from '$lib/schemas';
import type { PageLoad } from './$types';

// Universal: rendered on the server for shared links, fetched (and cached by the service worker) on the client.
export const load = (async ({ fetch, params }) => {
	const response = await fetch(`/api/cases/${encodeURIComponent(params.id)}`);
	if (!response.ok) await discardBody(response);
	if (response.status === 404) error(404, { message: 'case.notFound' });
	if (!response.ok) error(response.status, { message: 'common.error' });
	return { case: (await response.json()) as Case };
}) satisfies PageLoad;
