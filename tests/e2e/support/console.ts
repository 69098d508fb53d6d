import { expect, test, type Browser, type Page } from '@playwright/test';

/** A phone-sized browser of its own, signed in to the console with a password through the sign-in page. */
export async function openConsole(
	browser: Browser,
	username: string,
	options: { password?: string; baseURL?: string } = {}
): Promise<Page> {
	const context = await browser.newContext({
		baseURL: options.baseURL ?? test.info().project.use.baseURL,
		locale: 'zh-CN',
		viewport: { width: 412, height: 915 }
	});
	const page = await context.newPage();
	await page.goto('/police');
	await expect(page).toHaveURL(/\/police\/login/);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(options.password ?? 'reunion-demo');
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByRole('link', { name: '新建案件' })).toBeVisible();
	return page;
}
