import type { Handle, HandleFetch } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
// Server rendering translates for any reader (pages, share tags, poster.svg): every catalogue, up front.
import '$lib/i18n/all';
import { preloadImageFirst } from '$lib/http/preload-image';
import { LANG_COOKIE } from '$lib/i18n';
import { LANGS, type Lang } from '$lib/schemas';

const language: Handle = async ({ event, resolve }) => {
	const cookie = event.cookies.get(LANG_COOKIE);
	event.locals.lang = (LANGS as readonly string[]).includes(cookie ?? '') ? (cookie as Lang) : 'zh-CN';
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang) });
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Permissions-Policy', 'geolocation=(self), camera=(), microphone=()');
	if (event.url.pathname.startsWith('/police')) {
		// Nobody may frame the console's Approve button (clickjacking); a second CSP header is enforced too.
		response.headers.append('Content-Security-Policy', "frame-ancestors 'none'");
		response.headers.set('X-Frame-Options', 'DENY');
		response.headers.set('Cache-Control', 'no-store');
	} else {
		// Only /embed (served by the Worker's app, functions/embed/) may be framed by other sites.
		response.headers.append('Content-Security-Policy', "frame-ancestors 'self'");
	}
	return response;
};

/** A page that named its first screen's image (the case photo) has it preloaded before its scripts. */
const imagePreload: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	preloadImageFirst(response.headers);
	return response;
};

export const handle = sequence(language, securityHeaders, imagePreload);

/** Same-origin /api calls made while rendering go straight to the API in this Worker (functions/app.ts). */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
	const url = new URL(request.url);
	const api = event.platform?.env.API;
	if (api && url.origin === event.url.origin && url.pathname.startsWith('/api/')) {
		return api.fetch(request);
	}
	return fetch(request);
};
