import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The adapter writes its worker to the `main` of this file; functions/worker.ts wraps it.
		adapter: adapter({ config: 'functions/sveltekit.wrangler.jsonc' }),
		// @vite-pwa/sveltekit builds and we register the service worker ourselves (src/lib/pwa.ts).
		serviceWorker: { register: false },
		alias: { $functions: 'functions' },
		// The app always lives at the site root. Relative asset paths break after client-side navigation: the
		// favicon's "../favicon.svg" from /police/login then resolves against /police/cases/… (a 404).
		paths: { relative: false },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self']
			}
		}
	}
};

export default config;
