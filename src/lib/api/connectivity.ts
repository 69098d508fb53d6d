import { discardBody } from './discard';

/**
 * Whether the server answers now. `navigator.onLine` alone says only that some network is up (a captive portal or
 * a dead mobile link counts), and a page the service worker served from its cache may still read true; so the
 * offline banner trusts a quick request that bypasses every cache.
 */
export async function serverReachable(timeoutMs = 5000): Promise<boolean> {
	if (!navigator.onLine) return false;
	try {
		const response = await fetch('/api/health', {
			cache: 'no-store',
			signal: AbortSignal.timeout(timeoutMs)
		});
		await discardBody(response);
		return response.ok;
	} catch {
		return false;
	}
}
