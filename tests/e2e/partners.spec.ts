import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import type { WebhookPayload } from '../../src/lib/schemas';
import { WebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver';
import { expectNoAxeViolations } from './support/axe';
import { openConsole } from './support/console';
import { police, publishCase, signIn } from './support/police-api';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

// A partner's receiver on 127.0.0.1 (local mode takes http:// to loopback), on a port of its own.
const receiver = new WebhookReceiver();
let origin = '';
test.beforeAll(async () => {
	origin = await receiver.listen();
});
test.afterAll(() => receiver.close());

const CHENGDU = { lat: 30.5728, lon: 104.0668 };

/** The deliveries of one event type about one case. */
async function receivedFor(path: string, caseId: string, type: string): Promise<ReceivedWebhook[]> {
	const all = (await (await fetch(`${origin}/_receiver/received`)).json()) as ReceivedWebhook[];
	return all.filter(
		(r) =>
			r.path === path && r.body.includes(caseId) && (JSON.parse(r.body) as { type?: string }).type === type
	);
}

test('an admin registers a partner in the console; its receiver gets verifiable deliveries, after two failures', async ({
	browser,
	request
}) => {
	const admin = await openConsole(browser, 'demo-admin');
	await admin.getByTestId('admin-link').click();
	await admin.getByRole('link', { name: '合作方推送' }).click();
	await expect(admin).toHaveURL(/\/police\/admin\/partners$/);
	const form = admin.getByTestId('partner-create');

	// A private address is refused, next to the field.
	await form.getByLabel('名称', { exact: true }).fill('成都新闻客户端');
	const url = form.getByLabel('接收地址', { exact: true });
	await url.fill('https://192.168.1.20/hooks');
	await form.getByTestId('circle-lat').fill(String(CHENGDU.lat));
	await form.getByTestId('circle-lon').fill(String(CHENGDU.lon));
	await form.getByRole('button', { name: '登记', exact: true }).click();
	await expect(url).toHaveAttribute('aria-invalid', 'true');
	await expect(url).toHaveAccessibleDescription(/公网上的 https:\/\/ 地址/);

	const path = '/hooks/chengdu';
	await url.fill(`${origin}${path}`);
	await form.getByRole('button', { name: '登记', exact: true }).click();
	const shown = admin.getByTestId('partner-secret');
	await expect(shown).toBeVisible();
	const secret = await shown.getByTestId('partner-secret-value').inputValue();
	expect(secret).toMatch(/^whsec_/);
	const row = admin.locator('[data-testid="partner-row"][data-name="成都新闻客户端"]');
	await expect(row).toContainText(`${origin}${path}`);
	await admin.screenshot({ path: `${SCREENSHOTS}/police-partners.png`, fullPage: true });
	await expectNoAxeViolations(admin);

	// Shown once: dismissed, or after a reload, it is nowhere on the page.
	await shown.getByRole('button', { name: '我已保存' }).click();
	await expect(shown).toHaveCount(0);
	await admin.reload();
	await expect(row).toBeVisible();
	expect(await admin.content()).not.toContain('whsec_');

	// The receiver refuses twice; the queue retries (the e2e server shortens the schedule) until it accepts.
	await fetch(`${origin}/_receiver/faults`, {
		method: 'POST',
		body: JSON.stringify({ [path]: [{ status: 500 }, { status: 500 }] })
	});
	const childName = '<img src=x onerror=alert(1)>小明';
	// Kept with the national unit until the alert is checked: a hand-over is an event of its own (case.update).
	const caseId = await publishCase(
		request,
		{
			childName,
			age: 7,
			sex: 'male',
			contactPhone: '110',
			lastSeenAt: new Date(Date.now() - 3600_000).toISOString(),
			placeName: '成都市天府广场',
			...CHENGDU,
			radiusKm: 20
		},
		{ handOver: false }
	);
	await expect
		.poll(async () => (await receivedFor(path, caseId, 'case.alert')).map((r) => r.status), {
			timeout: 60_000
		})
		.toEqual([500, 500, 204]);
	const got = await receivedFor(path, caseId, 'case.alert');
	for (const delivery of got) {
		const payload = new Webhook(secret).verify(delivery.body, delivery.headers) as WebhookPayload;
		expect(payload.type).toBe('case.alert');
		expect(payload.data.case).toMatchObject({ id: caseId, childName });
	}
	expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);

	// The delivery log shows each attempt.
	await row.getByRole('link', { name: '成都新闻客户端 的推送记录' }).click();
	const table = admin.getByTestId('deliveries-table');
	await expect(table.locator('tbody tr')).toHaveCount(3);
	await expect(table.locator('tr[data-outcome="delivered"]')).toContainText('204');
	await expect(table.locator('tr[data-outcome="retrying"]')).toHaveCount(2);
	await admin.screenshot({ path: `${SCREENSHOTS}/police-partner-deliveries.png`, fullPage: true });
	await expectNoAxeViolations(admin);

	// A hand-over to Shanghai reaches partners too, the signed case naming the new issuer.
	const officer = await signIn(request, 'demo-national-officer');
	const handed = await police(request, officer, 'POST', `/api/police/cases/${caseId}/hand-over`, {
		unitId: 'unit-shanghai',
		reason: 'e2e: Shanghai goes on with it'
	});
	expect(handed.status).toBe(200);
	await expect.poll(async () => (await receivedFor(path, caseId, 'case.update')).length).toBe(1);
	const [handOver] = await receivedFor(path, caseId, 'case.update');
	const update = new Webhook(secret).verify(handOver!.body, handOver!.headers) as WebhookPayload;
	expect(update.data.case).toMatchObject({ id: caseId, issuer: { name: '上海市公安局' } });

	// Rotating shows a new secret once; deleting removes the partner.
	await admin.getByRole('link', { name: '返回合作方列表' }).click();
	await row.getByTestId('rotate-secret').click();
	await row.getByTestId('rotate-secret-confirm').click();
	const rotated = await admin.getByTestId('partner-secret-value').inputValue();
	expect(rotated).toMatch(/^whsec_/);
	expect(rotated).not.toBe(secret);
	await row.getByTestId('delete-partner').click();
	await row.getByTestId('delete-partner-confirm').click();
	await expect(row).toHaveCount(0);
});
