import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { webcrypto } from 'node:crypto';
import { defineConfig } from 'vitest/config';

/** Subscribers split across two local D1 databases: Shanghai's prefix "wtw" lives in the second. */
export const TWO_SHARDS = JSON.stringify([
	{ binding: 'DB', prefixes: [''] },
	{ binding: 'DB_SHARD_W', prefixes: ['wtw'] }
]);

/**
 * Three subscriber databases (issue 23: writes where the devices are, moving a prefix online): the case database
 * keeps everything unclaimed, "wt" (Shanghai, Wuhan, Hangzhou) lives in DB_SHARD_1, "ws" (Guangdong, Fujian, south of
 * 28.125° N) in DB_SHARD_2.
 */
export const THREE_SHARDS = JSON.stringify([
	{ binding: 'DB', prefixes: [''] },
	{ binding: 'DB_SHARD_1', prefixes: ['wt'] },
	{ binding: 'DB_SHARD_2', prefixes: ['ws'] }
]);

// Worker integration tests: the real Worker (API, queues, cron) inside workerd with migrated local D1s,
// once with one subscriber database, once (tests/integration/sharded) with two and once
// (tests/integration/three-shards) with three.
export default defineConfig(async () => {
	const migrations = await readD1Migrations('functions/migrations');
	// Fresh keys per run; the push peer (tests/integration/global-setup.ts) verifies JWTs against the public one.
	const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
	const vapid = {
		publicKey: Buffer.from(await webcrypto.subtle.exportKey('raw', pair.publicKey)).toString('base64url'),
		privateKey: (await webcrypto.subtle.exportKey('jwk', pair.privateKey)).d!
	};
	process.env.REUNION_TEST_VAPID_PUBLIC_KEY = vapid.publicKey;
	// Alert-signing keys (functions/signing/keys.ts): tests read the public halves from /.well-known/reunion-keys.json.
	const signingKeys = await Promise.all(
		['integration-1', 'integration-0'].map(async (kid) => {
			const signing = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
				'sign'
			]);
			const { kty, crv, x, y, d } = await webcrypto.subtle.exportKey('jwk', signing.privateKey);
			return { kty, crv, x, y, d, kid };
		})
	);
	const bindings = {
		TEST_MIGRATIONS: migrations,
		VAPID_PUBLIC_KEY: vapid.publicKey,
		VAPID_PRIVATE_KEY: vapid.privateKey,
		IP_HASH_SECRET: 'integration-tests',
		AUDIT_KEY: 'integration-tests-audit',
		// Beijing's cell is "dense": its live sockets spread over three objects (tests/integration/live.test.ts).
		LIVE_CELL_SHARDS: JSON.stringify({ wx4: 3 }),
		SIGNING_KEYS: JSON.stringify(signingKeys)
	};
	const project = (name: string, include: string[], exclude: string[], extra: Record<string, unknown>) => ({
		plugins: [
			cloudflareTest({
				// The API without SvelteKit's client build: pages are covered by the Playwright tests.
				main: './tests/integration/worker-entry.ts',
				wrangler: { configPath: './wrangler.toml' },
				miniflare: {
					bindings: { ...bindings, ...(extra.bindings as object) },
					...(extra.d1Databases ? { d1Databases: extra.d1Databases as Record<string, string> } : {})
				}
			})
		],
		test: {
			name,
			include,
			exclude,
			setupFiles: ['./tests/integration/apply-migrations.ts'],
			globalSetup: ['./tests/integration/global-setup.ts'],
			testTimeout: 30_000
		}
	});
	return {
		test: {
			projects: [
				// The sharded suites need their shard bindings: they run only in their own projects.
				project(
					'one-shard',
					['tests/integration/**/*.test.ts'],
					['tests/integration/sharded/**', 'tests/integration/three-shards/**'],
					{}
				),
				project('two-shards', ['tests/integration/sharded/**/*.test.ts'], [], {
					bindings: { SUBSCRIBER_SHARDS: TWO_SHARDS },
					d1Databases: { DB_SHARD_W: 'reunion-shard-w' }
				}),
				project('three-shards', ['tests/integration/three-shards/**/*.test.ts'], [], {
					bindings: { SUBSCRIBER_SHARDS: THREE_SHARDS },
					d1Databases: { DB_SHARD_1: 'reunion-shard-1', DB_SHARD_2: 'reunion-shard-2' }
				})
			]
		}
	};
});
