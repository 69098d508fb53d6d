import { error } from '@sveltejs/kit';

/** An admin read for a page load; a failure becomes SvelteKit's error page rather than an empty list. */
export async function adminGet<T>(fetcher: typeof fetch, path: string): Promise<T> {
	const response = await fetcher(path);
	if (!response.ok) {
		// The code tells the console's error page why (passkey_required has its own way out).
		const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
		error(response.status, { message: `GET ${path}: ${response.status}`, code: body.error?.code });
	}
	return (await response.json()) as T;
}
