import { defineConfig, devices } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 8796);
export const E2E_ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

// Debian's Chromium; Playwright never downloads a browser here (README, .ci/run).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	timeout: 60_000,
	expect: { timeout: 15_000 },
	fullyParallel: false,
	workers: 1,
	// One retry in CI only: a 2-core machine under load sometimes starves the browser; the list reporter still
	// names a test that passed only on retry as flaky, so it is seen and fixed rather than hidden.
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	use: {
		...devices['Pixel 7'],
		baseURL: E2E_ORIGIN,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-quic',
				'--no-first-run'
			]
		}
	},
	projects: [{ name: 'chromium-phone', use: { browserName: 'chromium' } }],
	webServer: {
		// A fresh local D1 each run, so tests see exactly the demo data and what they create.
		command: `rm -rf .wrangler/e2e-state && node scripts/start.mjs`,
		env: {
			REUNION_PORT: String(E2E_PORT),
			REUNION_SIGN_IN_ADDRESS_LIMIT: '1000',
			// Every phone of the run subscribes from 127.0.0.1 too: the suite grew past 20 subscription writes in one
			// 10-minute window (quiet-hours.spec.ts then met 429). The limit itself is tested in the Worker's tests.
			REUNION_SUBSCRIBE_RATE_LIMIT: '1000',
			// Partner webhooks retry after 0 s, 0 s, 2 s … instead of 5 s, 5 min, 30 min … (tests/e2e/partners.spec.ts).
			REUNION_WEBHOOK_RETRY_SCALE: '0.001',
			REUNION_STATE: '.wrangler/e2e-state',
			REUNION_LOG_LEVEL: 'error'
		},
		// Ready once `npm start` has seeded the demo cases, not merely listening.
		url: `${E2E_ORIGIN}/api/cases/demo-beijing`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
