import { adminGet } from '$lib/police/admin/load';
import type { AuditEntry, ChainReport } from '$lib/police/admin/types';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, parent }) => {
	const { user } = await parent();
	if (user?.role !== 'admin') return { entries: [], chain: null };
	const [{ entries }, chain] = await Promise.all([
		adminGet<{ entries: AuditEntry[] }>(fetch, '/api/police/audit'),
		// The log stays readable when the check itself fails; the page says it could not check.
		adminGet<ChainReport>(fetch, '/api/police/audit/verify').catch(() => null)
	]);
	return { entries, chain };
}) satisfies PageLoad;
