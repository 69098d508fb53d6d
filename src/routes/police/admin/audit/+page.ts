import { consoleGet } from '$lib/police/load';
import type { AuditEntry, ChainReport } from '$lib/police/admin/types';
import { withUnit } from '$lib/police/units/scope';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, parent, url }) => {
	const { user } = await parent();
	if (user?.role !== 'admin') return { entries: [], next: null, chain: null };
	// Older pages continue from the oldest row shown (`?before=`); the chain check always covers the whole log.
	const before = url.searchParams.get('before');
	const [{ entries, next }, chain] = await Promise.all([
		consoleGet<{ entries: AuditEntry[]; next: number | null }>(
			fetch,
			withUnit(`/api/police/audit${before ? `?before=${encodeURIComponent(before)}` : ''}`, url)
		),
		// The log stays readable when the check itself fails; the page says it could not check.
		consoleGet<ChainReport>(fetch, withUnit('/api/police/audit/verify', url)).catch(() => null)
	]);
	return { entries, next, chain };
}) satisfies PageLoad;
