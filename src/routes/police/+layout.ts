import { redirect } from '@sveltejs/kit';
import type { PoliceUser } from '$lib/police/api';
import type { LayoutLoad } from './$types';

// The console renders in the browser only: nothing here is shared as a link, and the session cookie is
// `__Host-` (Secure), which SvelteKit's server-side fetch does not forward over plain http in local mode.
export const ssr = false;

// Every console page needs a session except the sign-in page itself.
export const load = (async ({ fetch, url }) => {
	// Read before the fetch so SvelteKit reruns this on every navigation: a session an admin ended (disabled,
	// password reset) must send the person to sign-in at their next click, not at their next failed save.
	const path = url.pathname;
	const response = await fetch('/api/auth/me');
	const me = response.ok ? ((await response.json()) as { user: PoliceUser; passkeyRequired: boolean }) : null;
	if (!me && path !== '/police/login') redirect(303, `/police/login?next=${encodeURIComponent(path)}`);
	return { user: me?.user ?? null, passkeyRequired: me?.passkeyRequired ?? false };
}) satisfies LayoutLoad;
