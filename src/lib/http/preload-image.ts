/**
 * A page's load names the image its first screen waits for (the case photo, its largest paint); the server hook
 * sends it as the first `Link` preload, ahead of the page's script preloads. Over HTTP/1.1 a phone has six
 * connections per host and the scripts would otherwise take them all before the photo is even asked for.
 * Browsers act on `Link` as soon as the headers arrive (and Cloudflare turns it into 103 Early Hints).
 */
export const PRELOAD_IMAGE_HEADER = 'x-reunion-preload-image';

// Our own same-origin paths (photos under /api/photos/, demo images under /demo/): nothing that could end or
// extend a Link entry (`,` `;` `<` `>`) or leave the site.
const SAFE_PATH = /^\/[\w\-./%~]+$/;

/** The page's private header, if any, becomes the first `Link` entry; the private header never leaves. */
export function preloadImageFirst(headers: Headers): void {
	const path = headers.get(PRELOAD_IMAGE_HEADER);
	if (path === null) return;
	headers.delete(PRELOAD_IMAGE_HEADER);
	if (!SAFE_PATH.test(path) || path.startsWith('//')) return;
	const image = `<${path}>; rel="preload"; as="image"; fetchpriority="high"`;
	const rest = headers.get('link');
	headers.set('link', rest ? `${image}, ${rest}` : image);
}
