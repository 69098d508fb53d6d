import { error } from '@sveltejs/kit';

/**
 * A console read for a page load; a failure becomes the console's error page rather than an empty list (which
 * would read as "no cases"). `notFound` names a 404 in the reader's words.
 */
export async function consoleGet<T>(
	fetcher: typeof fetch,
	path: string,
	notFound?: 'case.notFound'
): Promise<T> {
	const response = await fetcher(path);
	if (!response.ok) {
		// The code tells the console's error page why (passkey_required has its own way out).
		const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
		const message = response.status === 404 && notFound ? notFound : `GET ${path}: ${response.status}`;
		error(response.status, { message, code: body.error?.code });
	}
	return (await response.json()) as T;
}
