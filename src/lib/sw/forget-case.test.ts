import { describe, expect, it } from 'vitest';
import {
	caseIdOf,
	closedCaseIds,
	closedIn,
	forgetCase,
	forgetClosedCase,
	keepOnlyOutcome,
	saysWithdrawn
} from './forget-case';

const ORIGIN = 'https://reunion.test';

/** Just enough of the Cache API: keys by URL, `ignoreSearch` as the browser applies it. */
class FakeCache {
	readonly urls = new Set<string>();
	readonly bodies = new Map<string, string>();
	async put(request: RequestInfo, response: Response): Promise<void> {
		const url = new URL(typeof request === 'string' ? request : request.url, ORIGIN).href;
		this.urls.add(url);
		this.bodies.set(url, await response.text());
	}
	async keys(): Promise<Request[]> {
		return [...this.urls].map((url) => new Request(url));
	}
	async delete(request: RequestInfo, options?: CacheQueryOptions): Promise<boolean> {
		const target = new URL(typeof request === 'string' ? request : request.url, ORIGIN);
		const same = (url: string) => {
			const candidate = new URL(url);
			return options?.ignoreSearch
				? candidate.origin + candidate.pathname === target.origin + target.pathname
				: candidate.href === target.href;
		};
		const hits = [...this.urls].filter(same);
		hits.forEach((url) => this.urls.delete(url));
		return hits.length > 0;
	}
}

function storage(entries: Record<string, string[]>): {
	caches: Map<string, FakeCache>;
	storage: CacheStorage;
} {
	const caches = new Map<string, FakeCache>();
	for (const [name, paths] of Object.entries(entries)) {
		const cache = new FakeCache();
		paths.forEach((path) => cache.urls.add(`${ORIGIN}${path}`));
		caches.set(name, cache);
	}
	const open = async (name: string) => {
		if (!caches.has(name)) caches.set(name, new FakeCache());
		return caches.get(name)!;
	};
	return { caches, storage: { open } as unknown as CacheStorage };
}

describe('forgetCase', () => {
	it('drops the page, the JSON, the alert lists and the photos of one case, and nothing of another', async () => {
		const { caches, storage: store } = storage({
			pages: ['/cases/c-1', '/cases/c-2', '/offline'],
			api: [
				'/api/cases/c-1',
				'/cases/c-1/__data.json?x-sveltekit-invalidated=01',
				'/api/alerts?geohash=wx4g0',
				'/api/cases/c-2',
				'/api/config'
			],
			photos: ['/api/photos/cases/c-1/abc.jpg', '/api/photos/cases/c-2/def.jpg', '/demo/beijing.svg']
		});
		await forgetCase('c-1', store);
		const left = (name: string) => [...caches.get(name)!.urls].map((url) => url.slice(ORIGIN.length)).sort();
		expect(left('pages')).toEqual(['/cases/c-2', '/offline']);
		expect(left('api')).toEqual(['/api/cases/c-2', '/api/config']);
		expect(left('photos')).toEqual(['/api/photos/cases/c-2/def.jpg', '/demo/beijing.svg']);
	});
});

describe('saysWithdrawn', () => {
	const json = (body: unknown, status = 200) =>
		new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

	it('is true for a 404 and for the cancelled shape, false for a case still public, and leaves the body unread', async () => {
		expect(await saysWithdrawn(json({ error: {} }, 404))).toBe(true);
		const cancelled = json({ id: 'c-1', status: 'cancelled', cancelledAt: '2026-11-28T00:00:00Z' });
		expect(await saysWithdrawn(cancelled)).toBe(true);
		expect(cancelled.bodyUsed).toBe(false);
		expect(await saysWithdrawn(json({ id: 'c-1', status: 'published' }))).toBe(false);
		expect(await saysWithdrawn(new Response('<html>', { headers: { 'content-type': 'text/html' } }))).toBe(
			false
		);
		expect(await saysWithdrawn(json({}, 503))).toBe(false);
	});

	it('recognises case URLs only', () => {
		expect(caseIdOf('/cases/c-1')).toBe('c-1');
		expect(caseIdOf('/api/cases/c-1')).toBe('c-1');
		expect(caseIdOf('/cases/c-1/__data.json')).toBe('c-1');
		expect(caseIdOf('/api/cases/c-1/tips')).toBeNull();
		expect(caseIdOf('/api/alerts')).toBeNull();
	});
});

const left = (caches: Map<string, FakeCache>, name: string) =>
	[...caches.get(name)!.urls].map((url) => url.slice(ORIGIN.length)).sort();

// Everything a device may hold of case c-1 with the child's details, and of c-2, which stays open.
const HELD = {
	pages: ['/cases/c-1', '/cases/c-1/poster', '/cases/c-1/poster.svg', '/cases/c-2', '/offline'],
	api: ['/api/cases/c-1', '/api/alerts?geohash=wx4g0&include=closed', '/api/cases/c-2'],
	photos: ['/api/photos/cases/c-1/abc.jpg', '/api/photos/cases/c-2/def.jpg']
};

describe('phones forget closed cases on seeing them (issue 9)', () => {
	const json = (body: unknown) =>
		new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8' } });

	it('finds the closed cases in a case answer and in an alert list, and no others', async () => {
		expect(closedCaseIds({ id: 'c-1', status: 'resolved', childName: '王某' })).toEqual(['c-1']);
		expect(closedCaseIds({ id: 'c-1', status: 'cancelled', cancelledAt: 'x' })).toEqual(['c-1']);
		expect(closedCaseIds({ id: 'c-2', status: 'published' })).toEqual([]);
		const list = {
			alerts: [
				{ id: 'c-1', status: 'resolved' },
				{ id: 'c-2', status: 'published' },
				{ id: 'c-3', status: 'cancelled' },
				{ status: 'resolved' }
			]
		};
		expect(closedCaseIds(list)).toEqual(['c-1', 'c-3']);
		expect(closedCaseIds(null)).toEqual([]);
		expect(closedCaseIds('resolved')).toEqual([]);
		const response = json(list);
		expect(await closedIn(response)).toEqual(['c-1', 'c-3']);
		expect(response.bodyUsed).toBe(false);
		expect(await closedIn(new Response('{"id":"c-1","status":"resolved"}'))).toEqual([]); // not JSON typed
	});

	it('keeps only the outcome: every older copy goes, the answer seen becomes the case’s JSON', async () => {
		const { caches, storage: store } = storage(HELD);
		const reduced = { id: 'c-1', status: 'resolved', childName: '王某', photoUrl: null };
		await keepOnlyOutcome(reduced, store);
		expect(left(caches, 'pages')).toEqual(['/cases/c-2', '/offline']);
		expect(left(caches, 'api')).toEqual(['/api/cases/c-1', '/api/cases/c-2']);
		expect(left(caches, 'photos')).toEqual(['/api/photos/cases/c-2/def.jpg']);
		expect(JSON.parse(caches.get('api')!.bodies.get(`${ORIGIN}/api/cases/c-1`)!)).toEqual(reduced);
	});

	it('keeps the page when it is the copy just loaded', async () => {
		const { caches, storage: store } = storage(HELD);
		await keepOnlyOutcome({ id: 'c-1', status: 'cancelled' }, store, { keepPage: true });
		expect(left(caches, 'pages')).toEqual(['/cases/c-1', '/cases/c-2', '/offline']);
	});

	it('on a resolution heard of, forgets and reads the found case again; on a cancellation, only forgets', async () => {
		const found = { id: 'c-1', status: 'resolved', childName: '王浩然', photoUrl: null };
		const asked: string[] = [];
		const fetchFn = (async (url: string) => {
			asked.push(url);
			return json(found);
		}) as unknown as typeof fetch;

		const resolved = storage(HELD);
		await forgetClosedCase('c-1', 'resolved', resolved.storage, fetchFn);
		expect(asked).toEqual(['/api/cases/c-1']);
		expect(left(resolved.caches, 'pages')).toEqual(['/cases/c-2', '/offline']);
		expect(left(resolved.caches, 'photos')).toEqual(['/api/photos/cases/c-2/def.jpg']);
		expect(JSON.parse(resolved.caches.get('api')!.bodies.get(`${ORIGIN}/api/cases/c-1`)!)).toEqual(found);

		const cancelled = storage(HELD);
		await forgetClosedCase('c-1', 'cancelled', cancelled.storage, fetchFn);
		expect(asked).toHaveLength(1);
		expect(left(cancelled.caches, 'api')).toEqual(['/api/cases/c-2']);
	});

	it('forgets even when the network is down, and keeps nothing it could not read', async () => {
		const { caches, storage: store } = storage(HELD);
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof fetch;
		await forgetClosedCase('c-1', 'resolved', store, offline);
		expect(left(caches, 'api')).toEqual(['/api/cases/c-2']);
	});
});
