import { env, SELF } from 'cloudflare:test';
import { seedDemoData } from '../../../functions/dev/demo-data';

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
	address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
): Promise<string> {
	await ensureDemoUsers();
	const response = await SELF.fetch(`${ORIGIN}/api/auth/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'CF-Connecting-IP': address },
		body: JSON.stringify({ username, password: 'reunion-demo' })
	});
	if (response.status !== 200)
		throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
	const cookie = response.headers.get('Set-Cookie') ?? '';
	return cookie.split(';')[0]!;
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
