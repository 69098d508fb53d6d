import { readPublicCase } from '$lib/api/public-case';
import type { PageLoad } from './$types';

// Universal: rendered on the server for shared links, fetched (and cached by the service worker) on the client.
export const load = (async ({ fetch, params }) => ({
	case: await readPublicCase(fetch, params.id)
})) satisfies PageLoad;
