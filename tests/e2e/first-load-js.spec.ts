import { expect, test } from '@playwright/test';
import {
	HOME_JS_BUDGET_BYTES,
	countsAsFirstLoadJs,
	formatKb,
	gzipBytes
} from '../../scripts/first-load-js.mjs';

// Issue 9's budget: what the home page loads at first load stays within 65 KB gzip (MapLibre, loaded only with a
// map, not counted). Sizes, not timings: the same build always loads the same scripts on a first visit.
test('the home page’s first-load JavaScript stays within its budget', async ({ page, baseURL }) => {
	const scripts = new Map<string, number>();
	const sizing: Promise<void>[] = [];
	page.on('response', (response) => {
		const request = response.request();
		if (request.resourceType() !== 'script' || !countsAsFirstLoadJs(request.url(), new URL(baseURL!).origin))
			return;
		sizing.push(
			response.body().then((body) => {
				scripts.set(request.url(), gzipBytes(body));
			})
		);
	});
	await page.goto('/');
	await page.waitForLoadState('networkidle');
	await Promise.all(sizing);
	const total = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
	console.log(`home first-load JavaScript: ${formatKb(total)} gzip in ${scripts.size} files`);
	// The app's own scripts were counted (an empty sum would pass any budget).
	expect(scripts.size).toBeGreaterThan(3);
	expect(total, `${formatKb(total)} > ${formatKb(HOME_JS_BUDGET_BYTES)}`).toBeLessThanOrEqual(
		HOME_JS_BUDGET_BYTES
	);
});
