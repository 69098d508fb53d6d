// The home page's first-load JavaScript budget (issue 9): every script the page itself requests while loading,
// each sized as it travels (gzip), MapLibre left out because the map loads it lazily, only when shown.
// Shared by `npm run audit` (Lighthouse's network records) and tests/e2e/first-load-js.spec.ts (Playwright's).
import { gzipSync } from 'node:zlib';

/** The budget for the home page, in bytes of gzip. */
export const HOME_JS_BUDGET_BYTES = 65 * 1024;

/** MapLibre's chunks (the library and its worker) keep their package name in the built file names. */
export function isMapLibre(url) {
	return /\/maplibre-gl[^/]*$/.test(new URL(url).pathname);
}

/** Whether a request the page made counts: a script of the page's own origin, not MapLibre. */
export function countsAsFirstLoadJs(url, origin) {
	return new URL(url).origin === origin && !isMapLibre(url);
}

/** gzip at level 9, as scripts/build-widget.test.ts measures the widget. */
export function gzipBytes(body) {
	return gzipSync(body, { level: 9 }).length;
}

/** "58.1 KB" with KB = 1,024 bytes. */
export function formatKb(bytes) {
	return `${(bytes / 1024).toFixed(1)} KB`;
}
