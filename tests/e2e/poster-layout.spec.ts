import { expect, test, type Page } from '@playwright/test';
import { publishCase } from './support/police-api';

// Hohhot, 10 km: no other spec subscribes there. The longest facts a real case carries: a long name, clothing
// and a place name that wraps more than once, in both languages.
const fields = {
	childName: '欧阳诗涵玉洁',
	age: 11,
	sex: 'female',
	heightCm: 146,
	clothing: '粉红色带帽羽绒服，胸前印有白色独角兽图案，深蓝色牛仔裤，白色运动鞋，背紫色书包',
	contactPhone: '0471-6966110',
	lastSeenAt: new Date(Date.now() - 50 * 60_000).toISOString(),
	placeName: '内蒙古自治区呼和浩特市新城区 成吉思汗大街与兴安北路交叉口东北角 万达广场北门公交站',
	lat: 40.84,
	lon: 111.75,
	radiusKm: 10
};

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Each text line's rendered box, and the footer's and QR code's, as Chromium lays the SVG out. */
async function geometry(page: Page): Promise<{ facts: Box[]; footer: Box; qr: Box; texts: Box[] }> {
	return page.evaluate(() => {
		const box = (el: Element) => {
			const b = (el as SVGGraphicsElement).getBBox();
			return { x: b.x, y: b.y, width: b.width, height: b.height };
		};
		const svg = document.querySelector('svg')!;
		return {
			facts: [...svg.querySelectorAll('[data-part="fact"]')].map(box),
			footer: box(svg.querySelector('[data-part="footer"]')!),
			qr: box(svg.querySelector('[data-part="qr"]')!),
			texts: [...svg.querySelectorAll('text')].map(box)
		};
	});
}

/** Whether two boxes share more than a rounding pixel. */
const overlaps = (a: Box, b: Box) =>
	a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height && b.y + 1 < a.y + a.height;

test('the phone poster lays out long facts in both languages with nothing under the footer or the QR code', async ({
	page,
	request
}) => {
	const id = await publishCase(request, fields);
	for (const lang of ['zh-CN', 'en'] as const) {
		const svg = await (
			await request.get(`/cases/${id}/poster.svg`, { headers: { Cookie: `reunion_lang=${lang}` } })
		).text();
		// On the force's clock, named in the one wording (not the Worker's UTC).
		expect(svg).toContain('UTC+8');
		await page.setViewportSize({ width: 540, height: 960 });
		await page.setContent(
			`<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body style="margin:0">${svg.replace('width="1080" height="1920"', 'width="540" height="960"')}</body></html>`
		);
		const { facts, footer, qr, texts } = await geometry(page);
		// Every fact is there, the place last: in Chinese it used to be hidden under the footer entirely.
		expect(facts.length).toBeGreaterThanOrEqual(6);
		for (const fact of facts) {
			expect(fact.y + fact.height, `${lang}: a fact line runs into the footer`).toBeLessThanOrEqual(footer.y);
			expect(fact.x + fact.width, `${lang}: a fact line runs off the poster`).toBeLessThanOrEqual(1080);
		}
		// No text (the hotline and scan hint included) under the QR code, off the poster, or over another text.
		for (const [i, text] of texts.entries()) {
			expect(overlaps(text, qr), `${lang}: text ${i} under the QR code`).toBe(false);
			expect(text.x).toBeGreaterThanOrEqual(0);
			expect(text.x + text.width, `${lang}: text ${i} off the poster`).toBeLessThanOrEqual(1080);
			for (const other of texts.slice(i + 1))
				expect(overlaps(text, other), `${lang}: ${JSON.stringify([text, other])}`).toBe(false);
		}
		await page.screenshot({ path: `test-results/screenshots/poster-phone-${lang}.png` });
	}
});

test('the A4 poster of a case with a photo prints on one sheet', async ({ page }) => {
	await page.goto('/cases/demo-beijing/poster');
	await expect(page.getByTestId('poster').locator('img')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
	await page.screenshot({ path: 'test-results/screenshots/poster-a4.png', fullPage: true });
});
