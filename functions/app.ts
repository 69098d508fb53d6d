import { Hono } from 'hono';
import { api } from './api';
import { tiles } from './tiles';
import { basemap } from './tiles/basemap';
import { answerError, answerNotFound } from './api/http/error-handler';
import { live } from './api/public/live';
import { seedDemoData } from './dev/demo-data';
import { isLocalMode, type Env } from './env';
import { embed } from './embed';
import { feeds } from './feeds';
import { wellKnown } from './well-known';
import { widget } from './widget';

/** The paths this app answers; everything else is a SvelteKit page or asset (functions/create-worker.ts). */
export const APP_PREFIXES = [
	'/api',
	'/feeds',
	'/.well-known',
	'/widget.js',
	'/embed',
	'/__local',
	'/basemap',
	'/tiles'
];

/** The root Hono app: one mount per public surface, one error shape for all of them. */
export const app = new Hono<{ Bindings: Env }>()
	// Ahead of /api: its middleware would rewrite the 101 that carries the live socket.
	.route('/api/live', live)
	.route('/api', api)
	.route('/feeds', feeds)
	.route('/.well-known', wellKnown)
	.route('/widget.js', widget)
	.route('/embed', embed)
	// The basemap's PMTiles archive, in byte ranges (wrangler.toml sends only `*.pmtiles` here, not the glyphs).
	.route('/basemap', basemap)
	// Street-map archives imported into R2 (npm run tiles:import): TileJSON, tiles, a style.
	.route('/tiles', tiles)
	// `npm start` seeds the demo users and cases here once the server is up; outside local mode it is a 404.
	.post('/__local/seed', async (c) => {
		if (!isLocalMode(c.env)) answerNotFound();
		await seedDemoData(c.env);
		return c.body(null, 204);
	});

app.notFound(answerNotFound);
app.onError(answerError);

export function isAppPath(pathname: string): boolean {
	return APP_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
