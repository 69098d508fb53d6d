/**
 * Push endpoints we will POST to. Without this list, anybody could subscribe an arbitrary URL and make every
 * fan-out send requests there (DESIGN.md "Runtime"). Hosts are the browsers' own push services.
 */
const EXACT_HOSTS = new Set([
	'fcm.googleapis.com', // Chrome, Edge on Android, most Chromium browsers
	'android.googleapis.com', // legacy GCM-style endpoints still handed out by old Chrome versions
	'updates.push.services.mozilla.com', // Firefox autopush
	'push.services.mozilla.com',
	'web.push.apple.com' // Safari 16+, iOS Home-Screen apps
]);
const HOST_SUFFIXES = ['.push.apple.com', '.notify.windows.com']; // Apple regional hosts, Microsoft WNS

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isAllowedPushEndpoint(endpoint: string, localMode: boolean): boolean {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (url.username || url.password) return false;
	if (localMode && url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return true;
	if (url.protocol !== 'https:' || url.port !== '') return false;
	const host = url.hostname.toLowerCase();
	return EXACT_HOSTS.has(host) || HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
