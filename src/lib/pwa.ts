import { dev } from '$app/environment';

/** Registered by the layout on every page (kit.serviceWorker.register is off: @vite-pwa builds the file). */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
	if (dev || !('serviceWorker' in navigator)) return Promise.resolve(undefined);
	return navigator.serviceWorker.register('/service-worker.js', { scope: '/' });
}
