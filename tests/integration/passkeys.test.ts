import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DRAFT, ensureDemoUsers, login, ORIGIN, policeFetch } from './helpers/police';

async function pendingCase(): Promise<{ id: string; version: number }> {
	const officer = await login('demo-officer');
	const { id } = (await (await policeFetch(officer, 'POST', '/api/police/cases', DRAFT)).json()) as {
		id: string;
	};
	const submitted = await policeFetch(officer, 'POST', `/api/police/cases/${id}/submit`, {});
	return { id, version: ((await submitted.json()) as { version: number }).version };
}

function post(path: string, body: unknown, cookie?: string, origin = ORIGIN): Promise<Response> {
	return SELF.fetch(`${origin}${path}`, {
		method: 'POST',
		headers: {
			Origin: origin,
			'Content-Type': 'application/json',
			'CF-Connecting-IP': '10.77.0.1',
			...(cookie ? { Cookie: cookie } : {})
		},
		body: JSON.stringify(body)
	});
}

const FAKE_ASSERTION = {
	credential: {
		id: 'AAAA',
		rawId: 'AAAA',
		type: 'public-key',
		clientExtensionResults: {},
		response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' }
	}
};

beforeAll(ensureDemoUsers);

describe('passkeys are required for approver and admin powers outside local mode', () => {
	it('a password session of an approver acts as an officer and says a passkey is needed', async () => {
		const approver = await login('demo-approver', undefined, 'password');
		const me = (await (await policeFetch(approver, 'GET', '/api/auth/me')).json()) as {
			user: { role: string };
			factor: string;
			passkeyRequired: boolean;
		};
		expect(me).toMatchObject({ user: { role: 'approver' }, factor: 'password', passkeyRequired: true });

		const { id, version } = await pendingCase();
		const approve = await policeFetch(approver, 'POST', `/api/police/cases/${id}/approve`, {
			confirm: DRAFT.childName,
			version
		});
		expect(approve.status).toBe(403);
		expect(((await approve.json()) as { error: { code: string } }).error.code).toBe('passkey_required');
		// Officer work stays open, so the approver can still register a first passkey.
		expect((await policeFetch(approver, 'GET', '/api/police/cases')).status).toBe(200);
		expect((await policeFetch(approver, 'GET', '/api/auth/passkeys')).status).toBe(200);
	});

	it('a password session of an admin cannot open admin routes; a passkey session can', async () => {
		const withPassword = await login('demo-admin', undefined, 'password');
		const refused = await policeFetch(withPassword, 'GET', '/api/police/users');
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('passkey_required');
		const withPasskey = await login('demo-admin', undefined, 'passkey');
		expect((await policeFetch(withPasskey, 'GET', '/api/police/users')).status).toBe(200);
	});

	it('an officer with a password is not asked for a passkey', async () => {
		const officer = await login('demo-officer');
		const me = (await (await policeFetch(officer, 'GET', '/api/auth/me')).json()) as {
			passkeyRequired: boolean;
		};
		expect(me.passkeyRequired).toBe(false);
	});
});

describe('passkey ceremonies', () => {
	it('hands out a single-use challenge for this host as relying party', async () => {
		const response = await post('/api/auth/passkeys/sign-in/options', {});
		expect(response.status).toBe(200);
		const options = (await response.json()) as { rpId: string; challenge: string; userVerification: string };
		expect(options.rpId).toBe(new URL(ORIGIN).hostname);
		expect(options.userVerification).toBe('required');
		const cookie = response.headers.get('Set-Cookie') ?? '';
		expect(cookie).toMatch(/^__Host-reunion_webauthn=.+HttpOnly/i);
		const ceremony = cookie.split(';')[0]!;

		// An unknown credential is refused with the generic message and audited; the challenge is then spent.
		const first = await post('/api/auth/passkeys/sign-in', FAKE_ASSERTION, ceremony);
		expect(first.status).toBe(401);
		const failed = await env.DB.prepare(
			`SELECT detail FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id DESC LIMIT 1`
		).first<{ detail: string }>();
		expect(JSON.parse(failed!.detail)).toEqual({ factor: 'passkey' });
		const replay = await post('/api/auth/passkeys/sign-in', FAKE_ASSERTION, ceremony);
		expect(replay.status).toBe(400);
		expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('passkey_failed');
	});

	it('asks for a JSON body on the ceremony routes, as on every other state change (415)', async () => {
		const officer = await login('demo-officer');
		for (const path of ['/api/auth/passkeys/sign-in/options', '/api/auth/passkeys/register/options']) {
			const response = await SELF.fetch(`${ORIGIN}${path}`, {
				method: 'POST',
				headers: { Origin: ORIGIN, Cookie: officer, 'Content-Type': 'text/plain' },
				body: 'x'
			});
			expect(response.status).toBe(415);
		}
	});

	it('refuses an IP address as relying party, with a message naming the host to use', async () => {
		const response = await post('/api/auth/passkeys/sign-in/options', {}, undefined, 'http://127.0.0.1:8787');
		expect(response.status).toBe(400);
		const { error } = (await response.json()) as { error: { code: string; message: string } };
		expect(error.code).toBe('passkey_unavailable');
	});

	it('validates the credential’s shape before any check, and registration needs a session', async () => {
		const options = await post('/api/auth/passkeys/sign-in/options', {});
		const ceremony = (options.headers.get('Set-Cookie') ?? '').split(';')[0]!;
		const bad = await post('/api/auth/passkeys/sign-in', { credential: { id: 'not base64url!' } }, ceremony);
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
		expect((await post('/api/auth/passkeys/register/options', {})).status).toBe(401);
		expect((await policeFetch(null, 'GET', '/api/auth/passkeys')).status).toBe(401);
	});

	it('offers registration to a signed-in officer, excluding nothing yet, needing user verification', async () => {
		const officer = await login('demo-officer');
		const response = await post('/api/auth/passkeys/register/options', {}, officer);
		expect(response.status).toBe(200);
		const options = (await response.json()) as {
			rp: { id: string };
			user: { name: string };
			excludeCredentials: unknown[];
			authenticatorSelection: { residentKey: string; userVerification: string };
		};
		expect(options.rp.id).toBe(new URL(ORIGIN).hostname);
		expect(options.user.name).toBe('demo-officer');
		expect(options.excludeCredentials).toEqual([]);
		expect(options.authenticatorSelection).toMatchObject({
			residentKey: 'required',
			userVerification: 'required'
		});
	});
});

describe('adding or removing passkeys once an officer has one', () => {
	it('takes a passkey session, so a stolen password cannot enrol the thief’s authenticator', async () => {
		const admin = await login('demo-admin');
		const created = await policeFetch(admin, 'POST', '/api/police/users', {
			username: 'keeper',
			displayName: '守门人',
			role: 'approver',
			password: 'reunion-demo'
		});
		expect(created.status).toBe(201);

		// With no passkey yet, the password enrols the first one.
		const first = await login('keeper', undefined, 'password');
		expect((await post('/api/auth/passkeys/register/options', {}, first)).status).toBe(200);

		const { id: userId } = (await created.json()) as { id: string };
		await env.DB.prepare(
			`INSERT INTO passkeys (id, user_id, public_key, counter, transports, name, created_at)
			 VALUES ('key-1', ?, 'AAAA', 0, '[]', 'phone', ?)`
		)
			.bind(userId, new Date().toISOString())
			.run();

		const withPassword = await login('keeper', undefined, 'password');
		const refused = await post('/api/auth/passkeys/register/options', {}, withPassword);
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('passkey_required');
		const removal = await policeFetch(withPassword, 'DELETE', '/api/auth/passkeys/key-1');
		expect(removal.status).toBe(403);

		const withPasskey = await login('keeper', undefined, 'passkey');
		expect((await post('/api/auth/passkeys/register/options', {}, withPasskey)).status).toBe(200);
		expect((await policeFetch(withPasskey, 'DELETE', '/api/auth/passkeys/key-1')).status).toBe(204);
	});
});
