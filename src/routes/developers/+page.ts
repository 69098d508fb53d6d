import { loadPageCatalogues } from '$lib/i18n';
import type { PageLoad } from './$types';

// This page's messages are not in the home page's first load; they are in place before it renders.
export const load = (async () => {
	await loadPageCatalogues();
}) satisfies PageLoad;
