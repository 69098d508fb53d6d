// `npm start`: build, migrate the local D1, create VAPID keys on first run, serve in local mode on 127.0.0.1.
// Options (environment): REUNION_PORT (8787), REUNION_STATE (.wrangler/state), REUNION_SKIP_BUILD=1, and the
// settings passed on as vars (REUNION_SIGN_IN_ADDRESS_LIMIT, …_SUBSCRIBE_RATE_LIMIT, …_WEBHOOK_RETRY_SCALE, …_SEND_LEASE_SECONDS, …_PUSH_TIMEOUT_MS).
import { spawn, spawnSync } from 'node:child_process';
import { ensureDevVars } from './dev-vars.mjs';

const port = process.env.REUNION_PORT ?? '8787';
const state = process.env.REUNION_STATE ?? '.wrangler/state';
const origin = `http://127.0.0.1:${port}`;
const quiet = {
	...process.env,
	WRANGLER_SEND_METRICS: 'false',
	CLOUDFLARE_CF_FETCH_ENABLED: 'false',
	CI: 'true'
};

function run(command, args) {
	const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: quiet });
	if (result.status !== 0) {
		console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${result.status}).`);
		process.exit(result.status ?? 1);
	}
}

async function waitForHealth(deadline) {
	while (Date.now() < deadline) {
		try {
			const response = await fetch(`${origin}/api/health`);
			if (response.ok) return true;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	return false;
}

if (process.env.REUNION_SKIP_BUILD !== '1') run('npm', ['run', '--silent', 'build']);
await ensureDevVars();
run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);

const server = spawn(
	'wrangler',
	[
		'dev',
		'--ip',
		'127.0.0.1',
		'--port',
		port,
		'--persist-to',
		state,
		'--var',
		'REUNION_LOCAL:1',
		// Every browser of the e2e run signs in from 127.0.0.1; tests raise the per-address limit for that.
		...(process.env.REUNION_SUBSCRIBE_RATE_LIMIT
			? ['--var', `SUBSCRIBE_RATE_LIMIT:${process.env.REUNION_SUBSCRIBE_RATE_LIMIT}`]
			: []),
		...(process.env.REUNION_SIGN_IN_ADDRESS_LIMIT
			? ['--var', `SIGN_IN_ADDRESS_LIMIT:${process.env.REUNION_SIGN_IN_ADDRESS_LIMIT}`]
			: []),
		// Partner webhooks' retry waits, shortened for tests (README, Configuration).
		...(process.env.REUNION_WEBHOOK_RETRY_SCALE
			? ['--var', `WEBHOOK_RETRY_SCALE:${process.env.REUNION_WEBHOOK_RETRY_SCALE}`]
			: []),
		// The send lease and push deadline (functions/fanout/lease.ts), shortened by the crash run (tests/reliability).
		...(process.env.REUNION_SEND_LEASE_SECONDS
			? ['--var', `SEND_LEASE_SECONDS:${process.env.REUNION_SEND_LEASE_SECONDS}`]
			: []),
		...(process.env.REUNION_PUSH_TIMEOUT_MS
			? ['--var', `PUSH_TIMEOUT_MS:${process.env.REUNION_PUSH_TIMEOUT_MS}`]
			: []),
		'--test-scheduled',
		'--show-interactive-dev-session=false',
		'--log-level',
		process.env.REUNION_LOG_LEVEL ?? 'warn'
	],
	{ stdio: ['ignore', 'inherit', 'inherit'], env: quiet }
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

/** Demo users and cases (local mode only; idempotent, never overwrites what was changed since). */
async function seedDemoData() {
	const response = await fetch(`${origin}/__local/seed`, { method: 'POST' });
	if (!response.ok) throw new Error(`seeding demo data answered ${response.status}`);
}

if (await waitForHealth(Date.now() + 60_000)) {
	await seedDemoData();
	const password = process.env.DEMO_PASSWORD || 'reunion-demo';
	console.log(`
  团圆 Reunion is running (local mode)
  ➜ ${origin}   (passkeys need http://localhost:${port})

  Demo police sign-in, password "${password}":
    demo-officer   (officer: drafts and submits cases)
    demo-approver  (approver: approves other officers' cases)
    demo-admin     (admin: users, audit log, pause sending)
`);
} else {
	console.error(`✗ the server did not answer on ${origin} within 60 s`);
}
