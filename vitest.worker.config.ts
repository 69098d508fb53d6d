import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Worker integration tests: the real Worker (API, queues, cron) inside workerd with a migrated local D1.
export default defineConfig(async () => {
	const migrations = await readD1Migrations('functions/migrations');
	return {
		plugins: [
			cloudflareTest({
				// The API without SvelteKit's client build: pages are covered by the Playwright tests.
				main: './tests/integration/worker-entry.ts',
				wrangler: { configPath: './wrangler.toml' },
				miniflare: {
					bindings: {
						TEST_MIGRATIONS: migrations,
						VAPID_PUBLIC_KEY:
							'BPtestPublicKeyOnlyUsedByConfigTests0000000000000000000000000000000000000000000000000',
						IP_HASH_SECRET: 'integration-tests'
					}
				}
			})
		],
		test: {
			include: ['tests/integration/**/*.test.ts'],
			setupFiles: ['./tests/integration/apply-migrations.ts'],
			testTimeout: 30_000
		}
	};
});
