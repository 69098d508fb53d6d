// `npm run shards:move -- --prefix wt --to DB_SHARD_2`: moves a geohash prefix to another subscriber database while
// the site runs (issue 23; functions/shards/move.ts, docs/scale.md "From 1 to 30 shards"). It drives the admin API,
// so the same command works against `npm start` (default http://127.0.0.1:8787, REUNION_PORT) and a deployment
// (--url https://…). Stopping it at any point is safe: run it again and the move resumes from its cursor.
//
// Signing in: REUNION_SESSION="reunion_session=…" (the cookie of a national admin's passkey session, as the
// console holds it; deployed admins act only with a passkey), or locally --username demo-admin with the password in
// ADMIN_PASSWORD (default reunion-demo). --status prints the move and exits; --rollback steps back (before the
// switch: cleans the target; after it: reads go back to the source).
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: {
		prefix: { type: 'string' },
		to: { type: 'string' },
		url: { type: 'string', default: `http://127.0.0.1:${process.env.REUNION_PORT ?? '8787'}` },
		username: { type: 'string', default: 'demo-admin' },
		'settle-seconds': { type: 'string', default: '60' },
		'page-rows': { type: 'string', default: '200' },
		pages: { type: 'string', default: '10' },
		status: { type: 'boolean', default: false },
		rollback: { type: 'boolean', default: false }
	}
});
const origin = new URL(values.url).origin;
const stepOptions = {
	settleSeconds: Number(values['settle-seconds']),
	pageRows: Number(values['page-rows']),
	pages: Number(values.pages)
};

async function api(cookie, method, path, body) {
	const response = await fetch(`${origin}${path}`, {
		method,
		headers: {
			Origin: origin,
			Cookie: cookie,
			...(body === undefined ? {} : { 'Content-Type': 'application/json' })
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : {};
}

async function signIn() {
	if (process.env.REUNION_SESSION) return process.env.REUNION_SESSION;
	const response = await fetch(`${origin}/api/auth/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Origin: origin },
		body: JSON.stringify({
			username: values.username,
			password: process.env.ADMIN_PASSWORD ?? 'reunion-demo'
		})
	});
	if (!response.ok)
		throw new Error(`sign-in as ${values.username}: ${response.status} ${await response.text()}`);
	return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

const log = (move, what) =>
	console.log(
		`${new Date().toISOString()}  ${move.prefix}: ${move.from} → ${move.to}  ${move.state}  ${what}  ` +
			`(copied ${move.copied}, mended ${move.mended}, deleted ${move.deleted})`
	);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const cookie = await signIn();
const base = '/api/police/shard-moves';
if (values.status) {
	console.log(JSON.stringify(await api(cookie, 'GET', base), null, 2));
	process.exit(0);
}
if (values.rollback) {
	const { move } = await api(cookie, 'POST', `${base}/rollback`);
	log(move, 'rolled back');
	// Back from `switched` is `dual`: reads are on the source again and the move waits (run the move again to go on,
	// or roll back once more to cancel it). Before the switch the target is cleaned, by cursor, here.
	while (move.state === 'rollback') {
		const result = await api(cookie, 'POST', `${base}/step`, stepOptions);
		if (result.did === 'idle' || (result.did === 'entered' && result.state === 'cancelled')) break;
		if (result.did === 'waiting') await sleep(1000);
	}
	process.exit(0);
}
if (!values.prefix || !values.to)
	throw new Error(
		'usage: npm run shards:move -- --prefix wt --to DB_SHARD_2 [--url …] [--settle-seconds 60]'
	);

const started = await api(cookie, 'POST', base, { prefix: values.prefix, to: values.to });
log(started.move, started.move.cursor?.geohash ? 'resuming' : 'started');
let steps = 0;
for (;;) {
	const result = await api(cookie, 'POST', `${base}/step`, stepOptions);
	steps++;
	if (result.did === 'idle') break;
	if (result.did === 'entered') {
		log(result.move, 'entered');
		if (result.state === 'done' || result.state === 'cancelled') break;
	} else if (result.did === 'waiting') {
		if (steps % 10 === 1) log(result.move, `waiting for ${result.for}`);
		await sleep(result.for === 'settle' ? 1000 : 5000);
	} else if (steps % 20 === 0) log(result.move, `at ${result.move.cursor.geohash}`);
}
console.log(JSON.stringify({ move: (await api(cookie, 'GET', base)).recent?.[0] ?? null }));
