import { api } from './api';
import type { Env } from './env';
import { isLocalMode } from './env';
import { ensureLocalDemoData } from './dev/demo-data';
import { consumeQueue } from './fanout/consumers';
import { handleLive, LIVE_PATH } from './live/route';
import { runScheduled } from './scheduled';

/** Paths the Hono app answers; everything else is a SvelteKit page or asset. */
const API_PREFIXES = ['/api/', '/feeds/'];

/**
 * The Worker: one entry serves the API, pages and assets, and consumes the queues and the Cron trigger.
 * `pages` is SvelteKit's worker, passed in so integration tests can run the API without a client build.
 */
function apiFetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
	return Promise.resolve(api.fetch(request, env, ctx));
}

export function createWorker(pages: ExportedHandler<Env>): ExportedHandler<Env> {
	return {
		async fetch(request, env, ctx) {
			if (isLocalMode(env)) await ensureLocalDemoData(env);
			const { pathname } = new URL(request.url);
			if (pathname === LIVE_PATH) return handleLive(request, env);
			if (API_PREFIXES.some((prefix) => pathname.startsWith(prefix)) || pathname === '/api') {
				return api.fetch(request, env, ctx);
			}
			if (!pages.fetch) return new Response('Not found', { status: 404 });
			// Pages load their data through `platform.env.API` (src/hooks.server.ts): the same routes, no network hop.
			const inProcessApi: Env['API'] = { fetch: (input) => apiFetch(input, env, ctx) };
			return pages.fetch(
				request as Parameters<NonNullable<typeof pages.fetch>>[0],
				{ ...env, API: inProcessApi },
				ctx
			);
		},
		queue: (batch, env) => consumeQueue(batch, env),
		scheduled: (controller, env) => runScheduled(env, new Date(controller.scheduledTime))
	};
}
