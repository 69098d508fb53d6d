import type { APIRequestContext } from '@playwright/test';
import { E2E_ORIGIN } from '../../../playwright.config';
import { samplePng } from './images';

/** Signs in through the API as the console does and returns the session cookie for later calls. */
export async function signIn(request: APIRequestContext, username: string): Promise<string> {
	const response = await request.post('/api/auth/login', {
		headers: { Origin: E2E_ORIGIN },
		data: { username, password: process.env.DEMO_PASSWORD || 'reunion-demo' }
	});
	if (response.status() !== 200) throw new Error(`sign-in ${username}: ${response.status()}`);
	return (response.headers()['set-cookie'] ?? '').split(';')[0]!;
}

export async function police<T>(
	request: APIRequestContext,
	cookie: string,
	method: 'GET' | 'POST' | 'PATCH',
	path: string,
	data?: unknown
): Promise<{ status: number; body: T }> {
	const response = await request.fetch(path, {
		method,
		headers: { Origin: E2E_ORIGIN, Cookie: cookie },
		...(data === undefined ? {} : { data })
	});
	return { status: response.status(), body: (await response.json().catch(() => null)) as T };
}

/** Where demo-officer's unit (上海市公安局) may draft: its circle in functions/dev/demo-units.ts. */
const SHANGHAI_AREA = { lat: 31.2, lon: 121.45, radiusKm: 80 };

function inShanghai(lat: number, lon: number): boolean {
	const rad = Math.PI / 180;
	const a =
		Math.sin(((lat - SHANGHAI_AREA.lat) * rad) / 2) ** 2 +
		Math.cos(lat * rad) *
			Math.cos(SHANGHAI_AREA.lat * rad) *
			Math.sin(((lon - SHANGHAI_AREA.lon) * rad) / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(a)) <= SHANGHAI_AREA.radiusKm;
}

/**
 * Officer drafts and submits, a second officer approves: the only way an alert goes out. Inside Shanghai that is
 * demo-officer and demo-approver; elsewhere the ministry's duty officers publish (API.md "Police units") and hand
 * the case to 上海市公安局, so the specs that go on as demo-officer can act on it.
 */
export async function publishCase(
	request: APIRequestContext,
	fields: Record<string, unknown>,
	{ handOver = true }: { handOver?: boolean } = {}
): Promise<string> {
	const local = inShanghai(Number(fields.lat), Number(fields.lon));
	const officer = await signIn(request, local ? 'demo-officer' : 'demo-national-officer');
	const approver = await signIn(request, local ? 'demo-approver' : 'demo-national-approver');
	const created = await police<{ id: string }>(request, officer, 'POST', '/api/police/cases', fields);
	const submitted = await police<{ version: number }>(
		request,
		officer,
		'POST',
		`/api/police/cases/${created.body.id}/submit`,
		{}
	);
	const approved = await police(request, approver, 'POST', `/api/police/cases/${created.body.id}/approve`, {
		confirm: fields.childName,
		version: submitted.body.version
	});
	if (approved.status !== 202)
		throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
	if (!local && handOver) {
		const handed = await police(request, officer, 'POST', `/api/police/cases/${created.body.id}/hand-over`, {
			unitId: 'unit-shanghai',
			reason: 'e2e: demo-officer goes on with it'
		});
		if (handed.status !== 200) throw new Error(`hand-over: ${handed.status} ${JSON.stringify(handed.body)}`);
	}
	return created.body.id;
}

/** Puts a small PNG as the case's photo, as the console's upload does; returns the photo's public URL. */
export async function uploadPhoto(
	request: APIRequestContext,
	cookie: string,
	caseId: string
): Promise<string> {
	const response = await request.fetch(`/api/police/cases/${caseId}/photo`, {
		method: 'PUT',
		headers: { Origin: E2E_ORIGIN, Cookie: cookie, 'Content-Type': 'image/png' },
		data: samplePng()
	});
	if (response.status() !== 200)
		throw new Error(`photo upload: ${response.status()} ${await response.text()}`);
	return ((await response.json()) as { photoUrl: string }).photoUrl;
}
