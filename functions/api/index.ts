import { Hono } from 'hono';
import type { Env } from '../env';
import { auth } from './auth';
import { police } from './police';
import { publicCors } from '../public-http/cors';
import { edgeCache } from '../public-http/edge-cache';
import { alerts } from './public/alerts';
import { cases } from './public/cases';
import { meta } from './public/meta';
import { openapi } from './public/openapi';
import { photos } from './public/photos';
import { places } from './public/places';
import { subscriptionCheck } from './public/subscription-check';
import { stats } from './public/stats';
import { subscriptions } from './public/subscriptions';
import { publicTips } from './public/tips';

/** Everything under /api, one router per audience: public/, auth/, police/ (README has the URL → file table). */
export const api = new Hono<{ Bindings: Env }>();

// Public reads are embeddable from any site (API.md: CORS * on GET); writes stay same-origin, so a POST under
// these paths (a clue) gets no CORS headers, and neither does a preflight asking for one.
const isRead = (method: string, preflightFor: string | undefined) =>
	method === 'GET' || method === 'HEAD' || (method === 'OPTIONS' && /^(GET|HEAD)$/i.test(preflightFor ?? ''));
for (const path of [
	'/health',
	'/config',
	'/alerts',
	'/cases/*',
	'/photos/*',
	'/stats',
	'/openapi.json',
	'/places',
	'/places/*'
])
	api.use(path, (c, next) =>
		isRead(c.req.method, c.req.header('access-control-request-method')) ? publicCors(c, next) : next()
	);
api.use('*', async (c, next) => {
	await next();
	c.header('X-Content-Type-Options', 'nosniff');
	if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
});

// Signed public answers, which cost a query and a signature per item: served from the edge cache when unchanged.
api.use('/alerts', edgeCache);
api.get('/cases/:id', edgeCache);

api.route('/', meta);
api.route('/openapi.json', openapi);
api.route('/alerts', alerts);
api.route('/cases', cases);
api.route('/cases', publicTips);
api.route('/photos', photos);
api.route('/places', places);
api.route('/stats', stats);
api.route('/subscriptions/check', subscriptionCheck);
api.route('/subscriptions', subscriptions);
api.route('/auth', auth);
api.route('/police', police);
