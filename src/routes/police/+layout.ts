import { redirect } from '@sveltejs/kit';
import type { PoliceUser } from '$lib/police/api';
import type { LayoutLoad } from './$types';

// The console renders in the browser only: nothing here is shared as a link, and the session cookie is
// `__Host-` (Secure), which SvelteKit's server-side fetch does not forward over plain http in local mode.
export const ssr = false;

// Every console page needs a session except the sign-in page itself.
export const load = (async ({ fetch, url }) => {
	const response = await fetch('/api/auth/me');
	const me = response.ok ? ((await response.json()) as { user: PoliceUser; passkeyRequired: boolean }) : null;
	if (!me && url.pathname !== '/police/login')
		redirect(303, `/police/login?next=${encodeURIComponent(url.pathname)}`);
	return { user: me?.user ?? null, passkeyRequired: me?.passkeyRequired ?? false };
}) satisfies LayoutLoad;
