import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMBED_CSP, EMBED_STYLE, EMBED_STYLE_HASH, embedPage } from './page';

describe('/embed page', () => {
	it('allows exactly its own inline style, and names an icon so the browser asks for no /favicon.ico', () => {
		const hash = createHash('sha256').update(EMBED_STYLE).digest('base64');
		expect(EMBED_STYLE_HASH).toBe(`sha256-${hash}`);
		expect(EMBED_CSP).toContain(`style-src '${EMBED_STYLE_HASH}'`);
		expect(EMBED_CSP).not.toContain('unsafe-inline');
		const page = embedPage({ lat: 31.2, lon: 121.4, lang: 'en', theme: 'auto', max: 5 });
		expect(page).toContain(`<style>${EMBED_STYLE}</style>`);
		expect(page).toContain('<link rel="icon" href="data:,">');
	});
});
