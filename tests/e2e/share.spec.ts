import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { E2E_ORIGIN } from '../../playwright.config';
import { police, publishCase, signIn } from './support/police-api';

/** The meta tags as a crawler reads them: from the server's HTML, no script run. */
function metaTags(html: string): Record<string, string> {
	const tags: Record<string, string> = {};
	for (const [, key, content] of html.matchAll(
		/<meta\s+(?:property|name)="((?:og|twitter):[\w:]+)"\s+content="([^"]*)"/g
	))
		tags[key!] = content!.replace(/&amp;/g, '&');
	return tags;
}

test('a case page’s server HTML carries Open Graph and Twitter card tags; found, they say so and drop the photo', async ({
	request
}) => {
	// A demo case with a photo, which the server asks the phone to fetch before the page's scripts.
	const photoPage = await request.get('/cases/demo-shanghai');
	expect(photoPage.headers()['link']).toMatch(
		/^<\/demo\/[\w.-]+>; rel="preload"; as="image"; fetchpriority="high", <\/_app\/immutable\/.+modulepreload/
	);
	expect(photoPage.headers()['x-reunion-preload-image']).toBeUndefined();
	const withPhoto = metaTags(await photoPage.text());
	expect(withPhoto['og:image']).toMatch(new RegExp(`^${E2E_ORIGIN}/demo/`));
	expect(withPhoto['twitter:card']).toBe('summary_large_image');
	expect(withPhoto['twitter:image']).toBe(withPhoto['og:image']);

	// Hohhot, 10 km: no other spec subscribes there.
	const id = await publishCase(request, {
		childName: '乌小兰',
		age: 5,
		sex: 'female',
		contactPhone: '0471-110',
		lastSeenAt: '2026-11-28T02:00:00Z',
		placeName: '呼和浩特市 大召寺',
		lat: 40.8,
		lon: 111.65,
		radiusKm: 10
	});
	const openPage = await request.get(`/cases/${id}`);
	expect(openPage.headers()['link']).not.toContain('as="image"');
	const open = metaTags(await openPage.text());
	expect(open).toMatchObject({
		'og:type': 'article',
		'og:url': `${E2E_ORIGIN}/cases/${id}`,
		'og:title': '乌小兰，5 岁',
		'og:description': '请帮忙寻找 乌小兰（5 岁），2026年11月28日 10:00 UTC+8 最后出现在呼和浩特市 大召寺。',
		'twitter:card': 'summary',
		'twitter:title': '乌小兰，5 岁'
	});
	expect(open['og:image']).toBeUndefined();

	const officer = await signIn(request, 'demo-officer');
	const resolved = await police(request, officer, 'POST', `/api/police/cases/${id}/resolve`, {
		outcome: 'found_safe',
		circumstance: 'lost'
	});
	expect(resolved.status).toBe(200);
	const found = metaTags(await (await request.get(`/cases/${id}`)).text());
	expect(found['og:title']).toBe('已找到：乌小兰');
	expect(found['og:description']).toContain('已经找到');
	expect(found['og:image']).toBeUndefined();
});

test('the share buttons: a Weibo link with the case, and a QR code that reads as the page’s URL', async ({
	page
}) => {
	await page.goto('/cases/demo-shanghai');
	const weibo = page.getByTestId('share-weibo');
	const href = new URL((await weibo.getAttribute('href'))!);
	expect(href.origin + href.pathname).toBe('https://service.weibo.com/share/share.php');
	expect(href.searchParams.get('url')).toBe(`${E2E_ORIGIN}/cases/demo-shanghai`);
	const toggle = page.getByTestId('share-qr');
	const code = page.getByTestId('share-qr-code');
	// A click before hydration is lost (the button toggles, so click again only while the code is hidden).
	await expect(async () => {
		if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
		await expect(code).toBeVisible({ timeout: 2000 });
	}).toPass({ timeout: 20_000 });
	const image = PNG.sync.read(await code.screenshot());
	expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(
		`${E2E_ORIGIN}/cases/demo-shanghai`
	);
	await expect(page.getByTestId('share-qr')).toHaveAttribute('aria-expanded', 'true');
});
