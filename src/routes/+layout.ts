import { loadCatalogue } from '$lib/i18n';
import type { LayoutLoad } from './$types';

// The reader's catalogue is in place before the first render (and before hydration in the browser); English is
// fetched only for English readers and after a switch to it (LanguageSwitch re-runs this load).
export const load = (async ({ data }) => {
	await loadCatalogue(data.lang);
	return data;
}) satisfies LayoutLoad;
