import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './errors';

/** Every router's one error path: API.md's shape for what the caller sent, a logged request id for our faults. */
export function answerError(error: Error, c: Context): Response {
	if (error instanceof ApiError) {
		return c.json(error.toBody(), error.status, error.headers);
	}
	if (error instanceof HTTPException && error.status < 500) {
		// Hono's own checks (e.g. a malformed path); keep the status, use our shape.
		return c.json({ error: { code: 'validation_failed', message: error.message } }, error.status);
	}
	const requestId = crypto.randomUUID();
	console.error(`request ${requestId} failed`, error);
	return c.json(
		{
			error: {
				code: 'internal',
				message: `Something went wrong on our side (request ${requestId}). Try again.`
			}
		},
		500
	);
}

export function answerNotFound(): never {
	throw new ApiError('not_found', 'There is nothing at this path. See API.md for the routes.');
}
