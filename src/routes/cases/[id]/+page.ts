import { readPublicCase } from '$lib/api/public-case';
import { loadPageCatalogues } from '$lib/i18n';
import { PRELOAD_IMAGE_HEADER } from '$lib/http/preload-image';
import { isCancelledCase } from '$lib/schemas/public-case-status';
import type { PageLoad } from './$types';

// Universal: rendered on the server for shared links, fetched (and cached by the service worker) on the client.
export const load = (async ({ fetch, params, setHeaders }) => {
	// Sharing, the poster and the clue form's place search speak from a catalogue the home page does not load.
	const [c] = await Promise.all([readPublicCase(fetch, params.id), loadPageCatalogues()]);
	// The photo is the first screen's largest paint: the server asks for it before the scripts (hooks.server.ts).
	if (import.meta.env.SSR && !isCancelledCase(c) && c.photoUrl)
		setHeaders({ [PRELOAD_IMAGE_HEADER]: c.photoUrl });
	return { case: c };
}) satisfies PageLoad;
