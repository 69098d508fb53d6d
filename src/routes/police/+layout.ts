import { error, redirect } from '@sveltejs/kit';
import { discardBody } from '$lib/api/discard';
import { loadPoliceCatalogues } from '$lib/i18n';
import type { PoliceUser } from '$lib/police/api';
import type { Unit } from '$lib/schemas';
import type { LayoutLoad } from './$types';

// The console renders in the browser only: nothing here is shared as a link, and the session cookie is
// `__Host-` (Secure), which SvelteKit's server-side fetch does not forward over plain http in local mode.
export const ssr = false;

// Every console page needs a session except the sign-in page itself.
export const load = (async ({ fetch, url }) => {
	// The console's messages are not part of the public pages' bundle; the error page below needs them too.
	await loadPoliceCatalogues();
	// Read before the fetch so SvelteKit reruns this on every navigation: a session an admin ended (disabled,
	// password reset) must send the person to sign-in at their next click, not at their next failed save.
	const path = url.pathname;
	const response = await fetch('/api/auth/me');
	if (response.ok) {
		const me = (await response.json()) as { user: PoliceUser; passkeyRequired: boolean };
		return { user: me.user, passkeyRequired: me.passkeyRequired, units: await unitsFor(fetch) };
	}
	await discardBody(response);
	// Sign-in still works when /me is down; elsewhere only a 401 means "signed out": a 500 sent to sign-in
	// would make an officer retype a password that was never the problem.
	if (path === '/police/login') return { user: null, passkeyRequired: false, units: [] };
	if (response.status === 401) redirect(303, `/police/login?next=${encodeURIComponent(path)}`);
	error(response.status, { message: 'common.error' });
}) satisfies LayoutLoad;

/** The unit tree for the header's unit picker; the console still works without it (no picker then). */
async function unitsFor(fetcher: typeof fetch): Promise<Unit[]> {
	const response = await fetcher('/api/police/units');
	if (!response.ok) {
		await discardBody(response);
		return [];
	}
	return ((await response.json()) as { units: Unit[] }).units;
}
