import { expect, test } from '@playwright/test';
import { police, signIn } from './support/police-api';
import { chooseCity } from './support/regions';

// A measurement, not a check: run with LIVE_LATENCY_RUNS=10 to print the median time from approval to the live
// banner (the closing note). Skipped in the normal suite, which never passes or fails on timings.
const runs = Number(process.env.LIVE_LATENCY_RUNS ?? 0);

test('time from approval to the live banner', async ({ page, request }) => {
	test.skip(runs === 0, 'set LIVE_LATENCY_RUNS to measure');
	test.setTimeout(60_000 + runs * 30_000);
	await page.goto('/regions');
	await chooseCity(page, 'shanghai');
	await page.goto('/');
	// The page notes when each banner first appears, on the same clock as the test (one machine).
	await page.evaluate(() => {
		const seen: Record<string, number> = {};
		(window as unknown as { __bannerAt: Record<string, number> }).__bannerAt = seen;
		new MutationObserver(() => {
			for (const banner of document.querySelectorAll<HTMLElement>('[data-testid="live-banner"]')) {
				const id = banner.dataset.caseId!;
				seen[id] ??= Date.now();
			}
		}).observe(document.body, { childList: true, subtree: true });
	});
	const officer = await signIn(request, 'demo-officer');
	const approver = await signIn(request, 'demo-approver');
	const samples: number[] = [];
	for (let run = 0; run < runs; run++) {
		const childName = `测速${run}`;
		const fields = {
			childName,
			age: 6,
			sex: 'female',
			contactPhone: '110',
			lastSeenAt: new Date(Date.now() - 600_000).toISOString(),
			placeName: '上海',
			lat: 31.2304,
			lon: 121.4737,
			radiusKm: 100
		};
		const created = await police<{ id: string }>(request, officer, 'POST', '/api/police/cases', fields);
		const id = created.body.id;
		const submitted = await police<{ version: number }>(
			request,
			officer,
			'POST',
			`/api/police/cases/${id}/submit`,
			{}
		);
		const approvedAt = Date.now();
		const approved = await police(request, approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: childName,
			version: submitted.body.version
		});
		expect(approved.status).toBe(202);
		await expect(page.locator(`[data-testid="live-banner"][data-case-id="${id}"]`)).toBeVisible();
		const shownAt = await page.evaluate(
			(caseId) => (window as unknown as { __bannerAt: Record<string, number> }).__bannerAt[caseId]!,
			id
		);
		samples.push(shownAt - approvedAt);
	}
	const sorted = [...samples].sort((a, b) => a - b);
	const median = (sorted[Math.floor((runs - 1) / 2)]! + sorted[Math.ceil((runs - 1) / 2)]!) / 2;
	console.log(`approval → live banner, ${runs} runs (ms): ${samples.join(', ')}; median ${median} ms`);
});
