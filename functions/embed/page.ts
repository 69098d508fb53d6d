import { translate } from '../../src/lib/i18n/all';
import type { EmbedQuery } from '../../src/lib/schemas';
import { escapeXml } from '../feeds/xml';

/** The page's own few rules; its hash is all `style-src` allows inline (page.test.ts checks the two agree). */
export const EMBED_STYLE = 'html,body{margin:0;background:transparent}';
export const EMBED_STYLE_HASH = 'sha256-WYkY0BOPEWJ8rhuE7h6ggXDZY48p5KADJb7vmGBLneQ=';

/**
 * The only page any site may frame (`frame-ancestors *`); everything else on the origin says `'self'`. It runs
 * nothing but /widget.js, so the policy can stay strict: the widget styles its shadow root with an adopted
 * stylesheet, which needs no inline style.
 */
export const EMBED_CSP = [
	"default-src 'none'",
	"script-src 'self'",
	"connect-src 'self'",
	"img-src 'self' https: data:",
	`style-src '${EMBED_STYLE_HASH}'`,
	"base-uri 'none'",
	"form-action 'none'",
	'frame-ancestors *'
].join('; ');

export function embedPage(query: EmbedQuery): string {
	const attributes = [
		['lat', query.lat],
		['lon', query.lon],
		['lang', query.lang],
		['theme', query.theme],
		['radius-km', query['radius-km']],
		['max', query.max]
	]
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => `${name}="${escapeXml(String(value))}"`)
		.join(' ');
	return `<!doctype html>
<html lang="${query.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeXml(translate(query.lang, 'widget.title'))}</title>
<link rel="icon" href="data:,">
<style>${EMBED_STYLE}</style>
</head>
<body>
<reunion-alerts ${attributes}></reunion-alerts>
<script src="/widget.js"></script>
</body>
</html>
`;
}
