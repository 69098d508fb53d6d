import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			registerType: 'autoUpdate',
			injectRegister: false,
			manifest: false,
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,html,svg,png,webmanifest,json}'],
				// The basemap is large and only needed with a map open: runtime-cached instead.
				globIgnores: ['**/basemap/**', '**/maplibre-gl*'],
				maximumFileSizeToCacheInBytes: 3 * 1024 * 1024
			},
			kit: { includeVersionFile: true }
		})
	]
});
