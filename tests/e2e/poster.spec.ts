import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { E2E_ORIGIN } from '../../playwright.config';
import { expectNoAxeViolations } from './support/axe';
import { police, publishCase, signIn } from './support/police-api';

// Yinchuan, 10 km: no other spec subscribes there.
const fields = {
	childName: '杨小树',
	age: 6,
	sex: 'male',
	heightCm: 115,
	clothing: '黄色雨衣，蓝色胶鞋',
	contactPhone: '0951-110',
	lastSeenAt: new Date(Date.now() - 45 * 60_000).toISOString(),
	placeName: '银川市兴庆区 鼓楼',
	lat: 38.47,
	lon: 106.27,
	radiusKm: 10
};

function decodeQr(png: Buffer): string | null {
	const image = PNG.sync.read(png);
	return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

test('the poster prints on one A4 sheet with the facts, the hotline and a QR code that reads as the case URL; found, it says so', async ({
	page,
	request
}) => {
	const id = await publishCase(request, fields);
	await page.goto(`/cases/${id}`);
	await page.getByRole('link', { name: '海报（打印或分享图片）' }).click();
	await expect(page).toHaveURL(new RegExp(`/cases/${id}/poster$`));
	const poster = page.getByTestId('poster');
	await expect(poster.getByRole('heading', { name: '寻找失踪儿童' })).toBeVisible();
	await expect(poster).toContainText('杨小树');
	await expect(poster).toContainText('黄色雨衣，蓝色胶鞋');
	await expect(poster).toContainText('有线索请拨打 0951-110');
	await expectNoAxeViolations(page);

	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
	await expect(page.locator('header.bar')).toBeHidden();
	await expect(page.getByRole('button', { name: '打印海报' })).toBeHidden();
	const shot = await page.screenshot({ path: 'test-results/screenshots/poster.png', fullPage: true });
	expect(decodeQr(shot)).toBe(`${E2E_ORIGIN}/cases/${id}`);
	// One sheet: Chromium's own PDF of the page has exactly one page.
	const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);

	const svg = await request.get(`/cases/${id}/poster.svg`);
	expect(svg.status()).toBe(200);
	expect(svg.headers()['content-type']).toContain('image/svg+xml');
	const text = await svg.text();
	expect(text).toContain('杨小树');
	expect(text).toContain('有线索请拨打 0951-110');

	const officer = await signIn(request, 'demo-officer');
	expect(
		(
			await police(request, officer, 'POST', `/api/police/cases/${id}/resolve`, {
				outcome: 'found_safe',
				circumstance: 'lost'
			})
		).status
	).toBe(200);
	await page.emulateMedia({ media: 'screen' });
	await page.reload();
	await expect(poster.getByRole('heading', { name: '已找到 FOUND' })).toBeVisible();
	await expect(poster.locator('img')).toHaveCount(0);
	const found = await (await request.get(`/cases/${id}/poster.svg`)).text();
	expect(found).toContain('已找到 FOUND');
	expect(found).not.toContain('<image');
});
