import { describe, expect, it } from 'vitest';
import { PRELOAD_IMAGE_HEADER, preloadImageFirst } from './preload-image';

const scripts = '</_app/immutable/entry/start.js>; rel="modulepreload"; nopush';

describe('preloadImageFirst', () => {
	it('puts the named image ahead of the script preloads and drops the private header', () => {
		const headers = new Headers({ link: scripts, [PRELOAD_IMAGE_HEADER]: '/api/photos/cases/c1/ab12.jpg' });
		preloadImageFirst(headers);
		expect(headers.get('link')).toBe(
			`</api/photos/cases/c1/ab12.jpg>; rel="preload"; as="image"; fetchpriority="high", ${scripts}`
		);
		expect(headers.has(PRELOAD_IMAGE_HEADER)).toBe(false);
	});

	it('starts a Link header when the page preloads nothing else', () => {
		const headers = new Headers({ [PRELOAD_IMAGE_HEADER]: '/demo/child-1.svg' });
		preloadImageFirst(headers);
		expect(headers.get('link')).toBe('</demo/child-1.svg>; rel="preload"; as="image"; fetchpriority="high"');
	});

	it('leaves a response without a named image as it was', () => {
		const headers = new Headers({ link: scripts });
		preloadImageFirst(headers);
		expect(headers.get('link')).toBe(scripts);
	});

	it.each([
		'https://elsewhere.example/x.jpg',
		'//elsewhere.example/x.jpg',
		'/a>, </b',
		'/a;rel=x',
		'relative.jpg'
	])('never writes %s into Link', (path) => {
		const headers = new Headers({ link: scripts, [PRELOAD_IMAGE_HEADER]: path });
		preloadImageFirst(headers);
		expect(headers.get('link')).toBe(scripts);
		expect(headers.has(PRELOAD_IMAGE_HEADER)).toBe(false);
	});
});
