import { app, isAppPath } from './app';
import type { Env } from './env';
import { withEveryResponseHeaders } from './http-headers';
import { consumeQueue } from './fanout/consumers';
import { runScheduled } from './cron';

function appFetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
	return Promise.resolve(app.fetch(request, env, ctx));
}

async function route(
	pages: ExportedHandler<Env>,
	request: Request,
	env: Env,
	ctx: ExecutionContext
): Promise<Response> {
	if (isAppPath(new URL(request.url).pathname)) return appFetch(request, env, ctx);
	if (!pages.fetch) return new Response('Not found', { status: 404 });
	// Pages load their data through `platform.env.API` (src/hooks.server.ts): the same routes, no network hop.
	const inProcessApi: Env['API'] = { fetch: (input) => appFetch(input, env, ctx) };
	return pages.fetch(
		request as Parameters<NonNullable<typeof pages.fetch>>[0],
		{ ...env, API: inProcessApi },
		ctx
	);
}

/**
 * The Worker: one entry serves the API, feeds, pages and assets, and consumes the queues and the Cron trigger.
 * `pages` is SvelteKit's worker, passed in so integration tests can run the API without a client build.
 */
export function createWorker(pages: ExportedHandler<Env>): ExportedHandler<Env> {
	return {
		async fetch(request, env, ctx) {
			return withEveryResponseHeaders(await route(pages, request, env, ctx));
		},
		queue: (batch, env) => consumeQueue(batch, env),
		scheduled: (controller, env) => runScheduled(env, new Date(controller.scheduledTime))
	};
}
