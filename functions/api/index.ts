import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Env } from '../env';
import { alerts } from './alerts';
import { auth } from './auth';
import { cases } from './cases';
import { ApiError } from './errors';
import { meta } from './meta';
import { photos } from './photos';
import { police } from './police';
import { publicTips } from './public/tips';
import { subscriptions } from './subscriptions';

export const api = new Hono<{ Bindings: Env }>().basePath('/api');

// Public reads are embeddable from any site (API.md: CORS * on GET); writes stay same-origin.
const publicCors = cors({ origin: '*', allowMethods: ['GET'], maxAge: 86400 });
for (const path of ['/health', '/config', '/alerts', '/cases/*', '/photos/*', '/stats'])
	api.use(path, publicCors);
api.use('*', async (c, next) => {
	await next();
	c.header('X-Content-Type-Options', 'nosniff');
	if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
});

api.route('/', meta);
api.route('/alerts', alerts);
api.route('/cases', cases);
api.route('/cases', publicTips);
api.route('/photos', photos);
api.route('/subscriptions', subscriptions);
api.route('/auth', auth);
api.route('/police', police);

api.notFound(() => {
	throw new ApiError('not_found', 'There is no such API path. See API.md for the routes.');
});

api.onError((error, c) => {
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
});

export type Api = typeof api;
