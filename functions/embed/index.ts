import { Hono } from 'hono';
import { embedQuerySchema } from '../../src/lib/schemas';
import { queryParams } from '../api/http/validate';
import type { Env } from '../env';
import { publicResponse } from '../public-http/cache';
import { publicCors } from '../public-http/cors';
import { EMBED_CSP, embedPage } from './page';

/** `/embed`, the iframe form of the widget, for sites that allow no third-party script. */
export const embed = new Hono<{ Bindings: Env }>()
	.use(publicCors)
	.get('/', queryParams(embedQuerySchema), async (c) =>
		publicResponse(c, embedPage(c.get('query')), {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': EMBED_CSP
		})
	);
