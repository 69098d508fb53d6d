import { error } from '@sveltejs/kit';
import { readPublicCase } from '$lib/api/public-case';
import { loadPageCatalogues } from '$lib/i18n';
import { isCancelledCase } from '$lib/schemas/public-case-status';
import type { PageLoad } from './$types';

// An alert sent in error has no poster: its case page says only that it was withdrawn.
export const load = (async ({ fetch, params }) => {
	const [c] = await Promise.all([readPublicCase(fetch, params.id), loadPageCatalogues()]);
	if (isCancelledCase(c)) error(404, { message: 'case.notFound' });
	return { case: c };
}) satisfies PageLoad;
