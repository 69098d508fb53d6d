import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { queryLocalD1 } from './support/db';
import { openConsole } from './support/console';

// A published demo case; tips come through the public API, as the public tip form will send them.
const CASE_ID = 'demo-shanghai';
const CHILD = '王浩然（示例）';
const SEEN_NEAR_STATION = '下午三点在漕河泾地铁站二号口见到一个背黑色书包的男孩';
const SEEN_IN_PARK = '好像在公园里见过他';

test('tips sent by the public reach the inbox; an officer marks one useful and the counts follow', async ({
	browser,
	request
}) => {
	const station = await request.post(`/api/cases/${CASE_ID}/tips`, {
		data: { message: SEEN_NEAR_STATION, lat: 31.1731, lon: 121.3981, contact: '13900000000' }
	});
	expect(station.status()).toBe(201);
	const { reference } = (await station.json()) as { reference: string };
	expect(
		(await request.post(`/api/cases/${CASE_ID}/tips`, { data: { message: SEEN_IN_PARK } })).status()
	).toBe(201);

	const officer = await openConsole(browser, 'demo-officer');
	const row = officer.getByRole('listitem').filter({ hasText: CHILD });
	await expect(row.getByText('2 条新线索')).toBeVisible();

	await row.getByRole('link', { name: CHILD }).click();
	const inbox = officer.getByTestId('tips-inbox');
	await expect(inbox.getByTestId('tips-new')).toHaveText('2 条新线索');
	await expect(inbox.getByTestId('tip')).toHaveCount(2);
	await expect(inbox.getByTestId('tip').first()).toContainText(SEEN_IN_PARK);
	await expect(inbox.getByText('13900000000')).toBeVisible();
	// One tip has a place: one marker, a link to that tip.
	await expect(inbox.getByTestId('map')).toHaveAttribute('data-ready', 'true');
	await expect(inbox.getByRole('link', { name: `线索 ${reference}` })).toHaveCount(1);

	await expectNoAxeViolations(officer, '[data-testid="tips-inbox"]');

	// From the keyboard: focus the button, press Enter.
	const states = inbox.getByRole('group', { name: `线索 ${reference} 的处理状态` });
	await states.getByRole('button', { name: '有用' }).focus();
	await officer.keyboard.press('Enter');
	await expect(states.getByRole('button', { name: '有用' })).toHaveAttribute('aria-pressed', 'true');
	await expect(inbox.getByTestId('tips-new')).toHaveText('1 条新线索');
	await officer.screenshot({ path: 'test-results/screenshots/police-tips.png', fullPage: true });

	await inbox.getByLabel('按状态筛选').selectOption('useful');
	await expect(inbox.getByTestId('tip')).toHaveCount(1);
	await expect(inbox.getByTestId('tip')).toContainText(SEEN_NEAR_STATION);

	const audit = queryLocalD1<{ username: string; detail: string }>(
		`SELECT username, detail FROM audit_log WHERE action = 'tip_triage' AND case_id = '${CASE_ID}'`
	);
	expect(audit).toEqual([
		{ username: 'demo-officer', detail: JSON.stringify({ tip: reference, status: 'useful' }) }
	]);

	await officer.getByRole('link', { name: '返回案件列表' }).click();
	await expect(row.getByText('1 条新线索')).toBeVisible();
});
