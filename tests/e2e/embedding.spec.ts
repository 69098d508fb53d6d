import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { E2E_ORIGIN } from '../../playwright.config';
import { expectNoAxeViolations } from './support/axe';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

// Demo case demo-beijing's last-seen point (functions/dev/demo-cases.ts): the widget lists it here.
const POINT = { lat: 39.9339, lon: 116.4815 };

/** A partner's page on another origin (another port on 127.0.0.1): the snippet and the iframe, nothing else. */
function hostPage(): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner news site</title>
<style>body{font-family:sans-serif;margin:16px;max-width:420px} reunion-alerts{--reunion-accent:#0b57d0}</style></head>
<body><h1>City news</h1>
<reunion-alerts lat="${POINT.lat}" lon="${POINT.lon}" lang="en" max="3"></reunion-alerts>
<script src="${E2E_ORIGIN}/widget.js"></script>
<h2>Iframe form</h2>
<iframe title="Missing-child alerts" src="${E2E_ORIGIN}/embed?lat=${POINT.lat}&lon=${POINT.lon}&lang=zh-CN" width="400" height="420"></iframe>
</body></html>`;
}

let server: Server;
let hostOrigin: string;

test.beforeAll(async () => {
	server = createServer((request, response) => {
		response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
		response.end(hostPage());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	hostOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

function widgetItems(page: Page) {
	return page.locator('body > reunion-alerts li');
}

test('a page on another origin shows verified alerts through the script and the iframe', async ({ page }) => {
	const cookiesSent: string[] = [];
	page.on('request', (request) => {
		if (request.url().startsWith(E2E_ORIGIN) && request.headers().cookie) cookiesSent.push(request.url());
	});
	await page.goto(`${hostOrigin}/`);
	await expect(widgetItems(page).first()).toBeVisible();
	await expect(page.locator('body > reunion-alerts ul[role="list"]')).toHaveCount(1);
	const first = widgetItems(page).first();
	// A verified item names its issuer (the Beijing demo case is the ministry's); the title says what ✓ means.
	await expect(first.locator('[data-verified="true"]')).toHaveText('✓ 公安部');
	await expect(first.locator('[data-verified="true"]')).toHaveAttribute('title', 'Verified police alert');
	// A signed demo case is still no real child: its badge says so (issue 22).
	await expect(first.locator('.demo')).toHaveText('Demo data, not a real case');
	await expect(first.locator('a')).toHaveAttribute('href', new RegExp(`^${E2E_ORIGIN}/cases/`));
	await page.keyboard.press('Tab');
	await expect(page.locator('body > reunion-alerts a').first()).toBeFocused();
	// The accent set by the host page reaches inside the shadow root.
	await expect(page.locator('body > reunion-alerts h2')).toHaveCSS('color', 'rgb(11, 87, 208)');

	const frame = page.frameLocator('iframe');
	await expect(frame.locator('reunion-alerts li').first()).toBeVisible();
	await expect(frame.locator('reunion-alerts [data-verified="true"]').first()).toHaveAttribute(
		'title',
		'已验证的警方警报'
	);
	await expect(frame.locator('reunion-alerts .demo').first()).toHaveText('示例数据，并非真实案件');
	await page.screenshot({ path: `${SCREENSHOTS}/embedding-host-page.png`, fullPage: true });
	expect(cookiesSent).toEqual([]);
});

test('/embed may be framed by anyone; pages keep frame-ancestors self', async ({ request }) => {
	const embed = await request.get(`${E2E_ORIGIN}/embed?lat=${POINT.lat}&lon=${POINT.lon}`);
	expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
	const home = await request.get(`${E2E_ORIGIN}/`);
	expect(home.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
	const script = await request.get(`${E2E_ORIGIN}/widget.js`);
	expect(script.headers()['access-control-allow-origin']).toBe('*');
	expect(script.headers()['content-type']).toContain('javascript');
});

test('a payload changed by one byte shows as unverified, and markup in it stays text', async ({ page }) => {
	const payload = '<img src=x onerror="window.__xss=1">';
	await page.route(`${E2E_ORIGIN}/api/alerts?*`, async (route) => {
		const response = await route.fetch();
		const body = (await response.json()) as { alerts: Record<string, unknown>[] };
		body.alerts[0]!.childName = `${body.alerts[0]!.childName as string}${payload}`;
		await route.fulfill({ response, json: body });
	});
	await page.goto(`${hostOrigin}/`);
	const first = widgetItems(page).first();
	await expect(first.locator('[data-verified="false"]')).toHaveText(/Unverified/);
	await expect(first.locator('.name')).toContainText(payload);
	await expect(page.locator('body > reunion-alerts img[src="x"]')).toHaveCount(0);
	expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
	await first.screenshot({ path: `${SCREENSHOTS}/embedding-unverified.png` });
});

test('without WebCrypto there is no badge; a failing API shows the error state', async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined });
	});
	await page.goto(`${hostOrigin}/`);
	await expect(widgetItems(page).first()).toBeVisible();
	await expect(page.locator('body > reunion-alerts [data-verified]')).toHaveCount(0);

	await page.route(`${E2E_ORIGIN}/api/alerts?*`, (route) => route.fulfill({ status: 503, body: '' }));
	await page.evaluate(() => document.querySelector('reunion-alerts')!.setAttribute('max', '2'));
	await expect(page.locator('body > reunion-alerts [data-state="error"]')).toBeVisible();
	await page.route(`${E2E_ORIGIN}/api/alerts?*`, (route) => route.abort('internetdisconnected'));
	await page.evaluate(() => document.querySelector('reunion-alerts')!.setAttribute('max', '3'));
	await expect(page.locator('body > reunion-alerts [data-state="offline"]')).toBeVisible();
});

test('/developers has the snippets for this deployment and a live preview at the point the reader picks', async ({
	page
}) => {
	await page.goto('/developers');
	await expect(page.getByTestId('snippet-widget')).toContainText(`<script src="${E2E_ORIGIN}/widget.js"`);
	await expect(page.getByTestId('snippet-verify')).toContainText('/.well-known/reunion-keys.json');
	await expect(page.getByTestId('widget-csp')).toContainText(`style-src 'self'`);
	// The Chinese page's iframe snippet names the frame in Chinese; the point's inputs look like the site's.
	await expect(page.getByTestId('snippet-iframe')).toContainText('title="附近的儿童失踪警报"');
	await expect(page.getByTestId('preview-lat')).toHaveCSS('min-height', '44px');
	const preview = page.getByTestId('preview');
	await expect(preview.locator('li').first()).toBeVisible();
	await expect(preview.locator('[data-verified="true"]').first()).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SCREENSHOTS}/embedding-developers.png`, fullPage: true });
	// Far from every demo case: the preview follows the point and says there is nothing near.
	await page.getByTestId('preview-lat').fill('45.75');
	await page.getByTestId('preview-lon').fill('126.63');
	await expect(preview.locator('[data-state="empty"]')).toBeVisible();
	await expect(page.getByTestId('snippet-iframe')).toContainText('lat=45.75&lon=126.63');
});

test('a foreign page with a strict policy (style-src self) gets one request, a styled widget, no CSP errors', async ({
	page
}) => {
	// The host allows our script, API, photos and iframe, and styles only from itself: no 'unsafe-inline'.
	const policy = [
		"default-src 'none'",
		`script-src ${E2E_ORIGIN}`,
		`connect-src ${E2E_ORIGIN}`,
		`img-src ${E2E_ORIGIN}`,
		"style-src 'self'",
		`frame-src ${E2E_ORIGIN}`
	].join('; ');
	const strict = createServer((request, response) => {
		if (request.url === '/host.css') {
			response.writeHead(200, { 'Content-Type': 'text/css' });
			response.end('reunion-alerts{--reunion-accent:#0b57d0}');
			return;
		}
		response.writeHead(200, {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': policy
		});
		response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict partner</title>
<link rel="stylesheet" href="/host.css"></head><body>
<reunion-alerts lat="${POINT.lat}" lon="${POINT.lon}" lang="en" max="3" theme="light"></reunion-alerts>
<script src="${E2E_ORIGIN}/widget.js"></script>
<iframe title="Alerts" src="${E2E_ORIGIN}/embed?lat=${POINT.lat}&lon=${POINT.lon}&lang=en" width="400" height="420"></iframe>
</body></html>`);
	});
	await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
	try {
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
		});
		const missing: string[] = [];
		page.on('response', (response) => {
			if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
		});
		const alertRequests = { host: 0, frame: 0 };
		page.on('request', (request) => {
			if (!request.url().startsWith(`${E2E_ORIGIN}/api/alerts?`)) return;
			alertRequests[request.frame() === page.mainFrame() ? 'host' : 'frame'] += 1;
		});
		await page.goto(`http://127.0.0.1:${(strict.address() as AddressInfo).port}/`);
		await expect(widgetItems(page).first()).toBeVisible();
		await expect(page.frameLocator('iframe').locator('reunion-alerts li').first()).toBeVisible();
		// Styled by the adopted sheet: the 64 px thumbnail, and the host's accent through the custom property.
		const photo = await page.locator('body > reunion-alerts img').first().boundingBox();
		expect(Math.round(photo!.width)).toBe(64);
		await expect(page.locator('body > reunion-alerts h2')).toHaveCSS('color', 'rgb(11, 87, 208)');
		// Anything a later refresh would have sent has had time to go out.
		await page.waitForTimeout(1000);
		expect(alertRequests).toEqual({ host: 1, frame: 1 });
		expect(violations).toEqual([]);
		expect(missing).toEqual([]);
		await page.screenshot({ path: `${SCREENSHOTS}/embedding-strict-csp.png`, fullPage: true });
	} finally {
		await new Promise((resolve) => strict.close(resolve));
	}
});
