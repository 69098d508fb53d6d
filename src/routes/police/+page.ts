import type { PoliceCase } from '$lib/police/api';
import { consoleGet } from '$lib/police/load';
import { withUnit } from '$lib/police/units/scope';
import type { PageLoad } from './$types';

// `?unit=` (the header's unit picker) narrows the list, and with it the new-tip counts, to one unit's subtree.
export const load = (async ({ fetch, url }) => ({
	cases: (await consoleGet<{ cases: PoliceCase[] }>(fetch, withUnit('/api/police/cases', url))).cases
})) satisfies PageLoad;
