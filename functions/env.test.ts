import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { keyingSecret } from './env';

describe('keyingSecret', () => {
	it('uses the secret the deployment set', () => {
		expect(keyingSecret({ AUDIT_KEY: 's3cret', REUNION_LOCAL: '0' }, 'AUDIT_KEY')).toBe('s3cret');
	});

	it('lets local mode run on a stand-in', () => {
		expect(keyingSecret({ REUNION_LOCAL: '1' }, 'IP_HASH_SECRET')).toBe('reunion-local-ip-key');
	});

	it('refuses to key anything with a public constant outside local mode, naming the command to fix it', () => {
		expect(() => keyingSecret({ REUNION_LOCAL: '0' }, 'AUDIT_KEY')).toThrow(/wrangler secret put AUDIT_KEY/);
		expect(() => keyingSecret({}, 'IP_HASH_SECRET')).toThrow(/IP_HASH_SECRET is not set/);
	});
});

describe('the generated Env (functions/worker-configuration.d.ts)', () => {
	it('matches wrangler.toml: `npm run types` was run after the last change', () => {
		const root = new URL('..', import.meta.url).pathname;
		const result = spawnSync(process.execPath, ['scripts/types.mjs', '--check'], {
			cwd: root,
			encoding: 'utf8'
		});
		expect(result.stderr + result.stdout).not.toMatch(/stale/);
		expect(result.status).toBe(0);
	}, 60_000);
});
