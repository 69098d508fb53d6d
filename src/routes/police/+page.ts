import type { PoliceCase } from '$lib/police/api';
import type { PageLoad } from './$types';

export const load = (async ({ fetch }) => {
	const response = await fetch('/api/police/cases');
	return { cases: response.ok ? ((await response.json()) as { cases: PoliceCase[] }).cases : [] };
}) satisfies PageLoad;
