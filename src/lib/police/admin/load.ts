import { error } from '@sveltejs/kit';

/** An admin read for a page load; a failure becomes SvelteKit's error page rather than an empty list. */
export async function adminGet<T>(fetcher: typeof fetch, path: string): Promise<T> {
	const response = await fetcher(path);
	if (!response.ok) error(response.status, `GET ${path}: ${response.status}`);
	return (await response.json()) as T;
}
