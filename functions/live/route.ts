import { liveQuerySchema } from '../../src/lib/schemas/live';
import type { Env } from '../env';
import { hubFor, hubName, HUB_NAME_HEADER, LIVE_CELLS_HEADER, pickShard } from './hubs';

export const LIVE_PATH = '/api/live';

/**
 * `GET /api/live?cells=…` (API.md "Live alerts"). Answered ahead of the Hono app: its middleware sets headers on
 * every response, and a 101 carrying a WebSocket must reach the runtime untouched.
 */
export async function handleLive(request: Request, env: Env): Promise<Response> {
	if (request.method !== 'GET') {
		return errorResponse(405, 'method_not_allowed', 'Open the live socket with GET.', { Allow: 'GET' });
	}
	const query = liveQuerySchema.safeParse({ cells: new URL(request.url).searchParams.get('cells') ?? '' });
	if (!query.success) {
		const message = query.error.issues[0]?.message ?? 'give 1–3 geohash-3 cells';
		return errorResponse(400, 'validation_failed', `cells: ${message}.`, {}, 'cells');
	}
	if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
		return errorResponse(426, 'upgrade_required', 'Open this path as a WebSocket (Upgrade: websocket).', {
			Upgrade: 'websocket'
		});
	}
	const cells = query.data.cells;
	const shard = pickShard(env, cells[0]!);
	const headers = new Headers(request.headers);
	headers.set(LIVE_CELLS_HEADER, cells.join(','));
	headers.set(HUB_NAME_HEADER, hubName(cells[0]!, shard));
	return hubFor(env, cells[0]!, shard).fetch(new Request(request.url, { headers }));
}

function errorResponse(
	status: number,
	code: string,
	message: string,
	headers: Record<string, string>,
	field?: string
): Response {
	return Response.json(
		{ error: { code, message, ...(field ? { field } : {}) } },
		{ status, headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers } }
	);
}
