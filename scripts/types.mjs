// `npm run types`: writes functions/worker-configuration.d.ts (the Env of wrangler.toml's bindings and vars) with
// flags that keep it stable: no runtime types (@cloudflare/workers-types has them), vars as plain strings, and
// no .dev.vars read (secrets are declared by hand in functions/secrets.ts, never taken from a local file).
// `--check` only says whether the file is stale (npm run check runs it). Regenerate after a merge; never hand-merge.
import { spawnSync } from 'node:child_process';

const check = process.argv.includes('--check');
const args = [
	'types',
	'functions/worker-configuration.d.ts',
	'--env-interface=GeneratedEnv',
	'--include-runtime=false',
	'--include-main-module=false',
	'--strict-vars=false',
	'--env-file=/dev/null',
	...(check ? ['--check'] : [])
];
const result = spawnSync('wrangler', args, {
	stdio: ['ignore', 'pipe', 'inherit'],
	encoding: 'utf8',
	env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
});
if (result.status !== 0) {
	process.stdout.write(result.stdout ?? '');
	if (check) console.error('functions/worker-configuration.d.ts is stale: run `npm run types`.');
}
process.exit(result.status ?? 1);
