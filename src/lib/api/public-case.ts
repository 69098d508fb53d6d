import { error } from '@sveltejs/kit';
import type { PublicCase } from '../schemas';
import { discardBody } from './discard';

/** `GET /api/cases/:id` for a page's load: 404 and other failures become the page's error. */
export async function readPublicCase(fetchFn: typeof fetch, id: string): Promise<PublicCase> {
	const response = await fetchFn(`/api/cases/${encodeURIComponent(id)}`);
	if (!response.ok) await discardBody(response);
	if (response.status === 404) error(404, { message: 'case.notFound' });
	if (!response.ok) error(response.status, { message: 'common.error' });
	return (await response.json()) as PublicCase;
}
