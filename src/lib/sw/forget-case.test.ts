import { describe, expect, it } from 'vitest';
import { caseIdOf, forgetCase, saysWithdrawn } from './forget-case';

const ORIGIN = 'https://reunion.test';

/** Just enough of the Cache API: keys by URL, `ignoreSearch` as the browser applies it. */
class FakeCache {
	readonly urls = new Set<string>();
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
