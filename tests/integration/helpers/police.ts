import { env, SELF } from 'cloudflare:test';
import { seedDemoData } from '../../../functions/dev/demo-data';
import { sha256Base64Url } from '../../../functions/lib/hash';

export const ORIGIN = 'https://reunion.test';

let seeded = false;
/** Demo users (officer, approver, admin; password reunion-demo) as local mode creates them. */
export async function ensureDemoUsers(): Promise<void> {
	if (seeded) return;
	await seedDemoData({ ...env, REUNION_LOCAL: '1' });
	seeded = true;
}

export async function login(
	username: string,
	address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
	factor: 'password' | 'passkey' = username === 'demo-officer' ? 'password' : 'passkey',
	password = 'reunion-demo'
): Promise<string> {
	await ensureDemoUsers();
	const response = await SELF.fetch(`${ORIGIN}/api/auth/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'CF-Connecting-IP': address },
		body: JSON.stringify({ username, password })
	});
	if (response.status !== 200)
		throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
	const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0]!;
	if (factor === 'passkey') await markSignedInWithPasskey(cookie);
	return cookie;
}

/**
 * Outside local mode approvers and admins act only with a passkey session. The passkey ceremony itself is
 * tested in Playwright with Chromium's virtual authenticator; here the session is marked as if it had been.
 */
export async function markSignedInWithPasskey(cookie: string): Promise<void> {
	const token = cookie.slice(cookie.indexOf('=') + 1);
	await env.DB.prepare(`UPDATE sessions SET factor = 'passkey' WHERE token_hash = ?`)
		.bind(await sha256Base64Url(token))
		.run();
}

/** A police request as the console sends it: same origin, JSON, the session cookie. */
export function policeFetch(
	cookie: string | null,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {}
): Promise<Response> {
	return SELF.fetch(`${ORIGIN}${path}`, {
		method,
		headers: {
			Origin: ORIGIN,
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			...(cookie ? { Cookie: cookie } : {}),
			...headers
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

export const DRAFT = {
	childName: '测试儿童',
	age: 6,
	sex: 'female',
	contactPhone: '110',
	lastSeenAt: new Date(Date.now() - 3600_000).toISOString(),
	placeName: '上海市人民广场',
	lat: 31.2304,
	lon: 121.4737,
	radiusKm: 100
};

/** Submits a draft as its officer and has a second officer approve the version submitted: the alert goes out. */
export async function submitAndApprove(
	officer: string,
	approver: string,
	id: string,
	childName: string,
	extra: Record<string, unknown> = {}
): Promise<{ version: number }> {
	const submitted = await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {});
	const { version } = (await submitted.json()) as { version: number };
	const approved = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
		confirm: childName,
		version,
		...extra
	});
	if (approved.status !== 202) throw new Error(`approve ${id}: ${approved.status} ${await approved.text()}`);
	return (await approved.json()) as { version: number };
}
