import type { PoliceCase } from '$lib/police/api';
import { consoleGet } from '$lib/police/load';
import type { PageLoad } from './$types';

export const load = (async ({ fetch }) => ({
	cases: (await consoleGet<{ cases: PoliceCase[] }>(fetch, '/api/police/cases')).cases
})) satisfies PageLoad;
