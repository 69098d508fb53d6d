/**
 * The service worker's caches (src/service-worker.ts names them from here). The page uses these too: both the
 * window and the worker can reach the Cache API.
 */
export const CACHE_NAMES = { pages: 'pages', api: 'api', photos: 'photos' } as const;

/** `/cases/<id>` or `/api/cases/<id>` (and SvelteKit's `/cases/<id>/__data.json`): the id, else null. */
export function caseIdOf(pathname: string): string | null {
	const match = /^\/(?:api\/)?cases\/([^/]+)(?:\/__data\.json)?$/.exec(pathname);
	return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * Drops every cached copy of a case that is withdrawn or gone (cancelled, or 404): its page, its JSON, its
 * photos (stored under `cases/<id>/`) and the cached alert lists that may still name the child. Offline, the
 * person then sees nothing rather than the details of an alert sent in error.
 */
export async function forgetCase(id: string, storage: CacheStorage = caches): Promise<void> {
	const path = encodeURIComponent(id);
	const [pages, api, photos] = await Promise.all([
		storage.open(CACHE_NAMES.pages),
		storage.open(CACHE_NAMES.api),
		storage.open(CACHE_NAMES.photos)
	]);
	const ignoreSearch = { ignoreSearch: true };
	const apiKeys = await api.keys();
	const photoKeys = await photos.keys();
	await Promise.all([
		pages.delete(`/cases/${path}`, ignoreSearch),
		pages.delete(`/cases/${path}/poster`, ignoreSearch),
		api.delete(`/api/cases/${path}`, ignoreSearch),
		api.delete(`/cases/${path}/__data.json`, ignoreSearch),
		...apiKeys
			.filter((request) => new URL(request.url).pathname === '/api/alerts')
			.map((request) => api.delete(request)),
		...photoKeys
			.filter((request) => new URL(request.url).pathname.startsWith(`/api/photos/cases/${path}/`))
			.map((request) => photos.delete(request))
	]);
}

/**
 * Whether a network answer for a case says it left public view: 404, or a 200 whose body is only the
 * withdrawn shape `{ id, status: "cancelled", cancelledAt }`. The response itself is left unread.
 */
export async function saysWithdrawn(response: Response): Promise<boolean> {
	if (response.status === 404) return true;
	if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json'))
		return false;
	try {
		const body = (await response.clone().json()) as { status?: unknown } | null;
		return body?.status === 'cancelled';
	} catch {
		return false;
	}
}
