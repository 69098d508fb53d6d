import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { webcrypto } from 'node:crypto';

// Worker integration tests: the real Worker (API, queues, cron) inside workerd with a migrated local D1.
export default defineConfig(async () => {
	const migrations = await readD1Migrations('functions/migrations');
	// Fresh keys per run; the push peer (tests/integration/global-setup.ts) verifies JWTs against the public one.
	const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
	const vapid = {
		publicKey: Buffer.from(await webcrypto.subtle.exportKey('raw', pair.publicKey)).toString('base64url'),
		privateKey: (await webcrypto.subtle.exportKey('jwk', pair.privateKey)).d!
	};
	process.env.REUNION_TEST_VAPID_PUBLIC_KEY = vapid.publicKey;
	return {
		plugins: [
			cloudflareTest({
				// The API without SvelteKit's client build: pages are covered by the Playwright tests.
				main: './tests/integration/worker-entry.ts',
				wrangler: { configPath: './wrangler.toml' },
				miniflare: {
					bindings: {
						TEST_MIGRATIONS: migrations,
						VAPID_PUBLIC_KEY: vapid.publicKey,
						VAPID_PRIVATE_KEY: vapid.privateKey,
						IP_HASH_SECRET: 'integration-tests'
					}
				}
			})
		],
		test: {
			include: ['tests/integration/**/*.test.ts'],
			setupFiles: ['./tests/integration/apply-migrations.ts'],
			globalSetup: ['./tests/integration/global-setup.ts'],
			testTimeout: 30_000
		}
	};
});
