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
 * Drops every cached copy of a case that is withdrawn, closed or gone (cancelled, resolved, reduced after the
 * retention period, or 404): its page, its JSON, its poster, its photos (stored under `cases/<id>/`) and the
 * cached alert lists that may still name the child. Offline, the person then sees nothing rather than the
 * details of an alert sent in error or of a child already home. `keepPage`: the page cached is the one just
 * read from the network (see `keepOnlyOutcome`).
 */
export async function forgetCase(
	id: string,
	storage: CacheStorage = caches,
	options: { keepPage?: boolean } = {}
): Promise<void> {
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
		options.keepPage ? Promise.resolve(false) : pages.delete(`/cases/${path}`, ignoreSearch),
		pages.delete(`/cases/${path}/poster`, ignoreSearch),
		pages.delete(`/cases/${path}/poster.svg`, ignoreSearch),
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

const CLOSED: ReadonlySet<unknown> = new Set(['resolved', 'cancelled']);

/**
 * The ids of closed cases (resolved, reduced or cancelled) in a public JSON answer: a case (`/api/cases/:id`) or
 * an alert list (`/api/alerts?include=closed`). Anything else names none.
 */
export function closedCaseIds(body: unknown): string[] {
	const closed = (item: unknown): item is { id: string } =>
		typeof item === 'object' &&
		item !== null &&
		typeof (item as { id?: unknown }).id === 'string' &&
		CLOSED.has((item as { status?: unknown }).status);
	if (closed(body)) return [body.id];
	const alerts = (body as { alerts?: unknown } | null)?.alerts;
	return Array.isArray(alerts) ? alerts.filter(closed).map((item) => item.id) : [];
}

/** `closedCaseIds` of a network answer, read from a clone: the response itself is left unread. */
export async function closedIn(response: Response): Promise<string[]> {
	if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return [];
	try {
		return closedCaseIds(await response.clone().json());
	} catch {
		return [];
	}
}

/**
 * What a device keeps of a closed case: only its outcome as the public answer has it now ("found", reduced
 * after the retention period, or "cancelled"). Every older copy goes; `current` — the answer just read — is
 * stored as the case's JSON, so the page still opens offline with no more than that.
 */
export async function keepOnlyOutcome(
	current: { id: string; status: string },
	storage: CacheStorage = caches,
	options: { keepPage?: boolean } = {}
): Promise<void> {
	await forgetCase(current.id, storage, options);
	const api = await storage.open(CACHE_NAMES.api);
	await api.put(
		`/api/cases/${encodeURIComponent(current.id)}`,
		new Response(JSON.stringify(current), { headers: { 'content-type': 'application/json' } })
	);
}

/**
 * A resolution or cancellation heard of (a live message, a push): every copy of the case goes, and a found
 * case's JSON is read again (through the service worker, which caches it), so the device keeps the outcome.
 */
export async function forgetClosedCase(
	id: string,
	kind: 'resolved' | 'cancelled',
	storage: CacheStorage = caches,
	fetchFn: typeof fetch = (...args) => fetch(...args)
): Promise<void> {
	await forgetCase(id, storage);
	if (kind === 'cancelled') return;
	const response = await fetchFn(`/api/cases/${encodeURIComponent(id)}`).catch(() => null);
	if (response?.ok)
		await (await storage.open(CACHE_NAMES.api)).put(`/api/cases/${encodeURIComponent(id)}`, response);
}
