import type { PoliceCase } from '$lib/police/api';
import { consoleGet } from '$lib/police/load';
import type { PageLoad } from './$types';

// The audience is counted by the radius schedule on the page, per step, for the case's own recipients.
export const load = (async ({ fetch, params }) => ({
	case: await consoleGet<PoliceCase>(
		fetch,
		`/api/police/cases/${encodeURIComponent(params.id)}`,
		'case.notFound'
	)
})) satisfies PageLoad;
