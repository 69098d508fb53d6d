// `npm run admin:create -- --username NAME [--display-name "…"] [--remote]`: bootstraps the first admin.
// The password is read from ADMIN_PASSWORD or asked for on the terminal; it is hashed here (the same
// PBKDF2-SHA-256 format as functions/auth/password.ts) and only the hash reaches D1.
import { spawnSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';

const ITERATIONS = 100_000; // production Workers refuse more; pinned in tests/integration/users.test.ts
const { values } = parseArgs({
	options: {
		username: { type: 'string' },
		'display-name': { type: 'string' },
		remote: { type: 'boolean', default: false },
		state: { type: 'string', default: '.wrangler/state' }
	}
});
const username = values.username ?? '';
const displayName = values['display-name'] ?? username;
// Validated, so the values can be written into the SQL text that wrangler's --command takes (no bound parameters there).
if (!/^[a-z0-9._-]{3,32}$/.test(username))
	throw new Error('--username: 3–32 lower-case letters, digits, dot, dash or underscore');
if (!/^[^'\\\n]{1,60}$/.test(displayName))
	throw new Error('--display-name: 1–60 characters without quotes or backslashes');

let password = process.env.ADMIN_PASSWORD;
if (!password) {
	const terminal = createInterface({ input: process.stdin, output: process.stdout });
	password = await terminal.question('Password for the new admin (≥ 12 characters): ');
	terminal.close();
}
if (password.length < 12) throw new Error('the password needs at least 12 characters');

const salt = randomBytes(16);
const hash = pbkdf2Sync(password.normalize('NFKC'), salt, ITERATIONS, 32, 'sha256');
const stored = `pbkdf2-sha256$${ITERATIONS}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
const id = `u-${randomBytes(9).toString('base64url')}`;
const now = new Date().toISOString();
const sql = `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
	VALUES ('${id}', '${username}', '${displayName}', 'admin', '${stored}', '${now}', '${now}')`;
const where = values.remote ? ['--remote'] : ['--local', '--persist-to', values.state];
const result = spawnSync('wrangler', ['d1', 'execute', 'DB', ...where, '--command', sql], {
	stdio: ['ignore', 'inherit', 'inherit'],
	env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }
});
if (result.status !== 0) process.exit(result.status ?? 1);
console.log(
	`✓ admin ${username} created (${values.remote ? 'deployed D1' : `local D1 in ${values.state}`}). Sign in at /police.`
);
