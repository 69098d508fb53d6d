import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
	type AuthenticationResponseJSON,
	type RegistrationResponseJSON
} from '@simplewebauthn/server';
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
	emptySchema,
	hostCanUsePasskeys,
	passkeyRegisterSchema,
	passkeySignInSchema,
	type PasskeySummary
} from '../../../src/lib/schemas';
import { withAudit } from '../../db/audit';
import {
	CHALLENGE_SECONDS,
	deletePasskeyStatement,
	findPasskey,
	insertPasskeyStatement,
	listPasskeys,
	passkeyUsedStatement,
	putChallenge,
	takeChallenge,
	type CeremonyPurpose,
	type Passkey
} from '../../db/passkeys';
import { findUserById } from '../../db/users';
import { isLocalMode, type Env } from '../../env';
import { randomId } from '../../lib/hash';
import { hashedClientAddress } from '../http/client';
import { ApiError } from '../http/errors';
import { passkeyMissing, requireRole, type PoliceEnv } from './session';
import { signInFailed, openSession, throttleSignIn } from './sign-in';
import { actorEntry } from '../http/audit-entry';
import { jsonBody } from '../http/validate';

const CEREMONY_COOKIE = '__Host-reunion_webauthn';
const RP_NAME = '团圆 Reunion';
const NOT_RECOGNISED = 'This passkey was not recognised, or its account is disabled.';

/**
 * The relying party is this site: WEBAUTHN_RP_ID when set (e.g. the registrable domain), else the host the
 * console is served from. WebAuthn refuses IP addresses, so http://127.0.0.1 cannot use passkeys.
 */
function relyingParty<E extends { Bindings: Env }>(c: Context<E>): { rpID: string; origin: string } {
	const url = new URL(c.req.url);
	const host = url.hostname;
	const rpID = c.env.WEBAUTHN_RP_ID || (isLocalMode(c.env) ? 'localhost' : host);
	if (!hostCanUsePasskeys(host) || (host !== rpID && !host.endsWith(`.${rpID}`))) {
		throw new ApiError(
			'passkey_unavailable',
			`Passkeys work only on ${rpID}: open the console at ${url.protocol}//${rpID}${url.port ? `:${url.port}` : ''}.`
		);
	}
	return { rpID, origin: url.origin };
}

async function startCeremony<E extends { Bindings: Env }>(
	c: Context<E>,
	purpose: CeremonyPurpose,
	challenge: string,
	userId: string | null
): Promise<void> {
	const id = randomId(16);
	await putChallenge(c.env.DB, id, challenge, purpose, userId, new Date());
	setCookie(c, CEREMONY_COOKIE, id, {
		httpOnly: true,
		secure: true,
		sameSite: 'Strict',
		path: '/',
		maxAge: CHALLENGE_SECONDS
	});
}

/** The challenge this browser was given, once: a replayed or expired ceremony gets a 400. */
async function finishCeremony<E extends { Bindings: Env }>(
	c: Context<E>,
	purpose: CeremonyPurpose
): Promise<{ challenge: string; userId: string | null }> {
	const id = getCookie(c, CEREMONY_COOKIE);
	deleteCookie(c, CEREMONY_COOKIE, { path: '/', secure: true });
	const taken = id ? await takeChallenge(c.env.DB, id, purpose, new Date()) : null;
	if (!taken) throw new ApiError('passkey_failed', 'The passkey request expired. Start again.');
	return taken;
}

function summary(passkey: Passkey): PasskeySummary {
	return {
		id: passkey.id,
		name: passkey.name,
		createdAt: passkey.createdAt,
		lastUsedAt: passkey.lastUsedAt
	};
}

/**
 * Once an officer has a passkey, adding or removing one takes a passkey session: otherwise a stolen password
 * would be enough to enrol the thief's own authenticator and gain an approver's powers. The first passkey is
 * enrolled with the password, as it must be; local mode keeps passwords for every role.
 */
const passkeyToChangePasskeys = createMiddleware<PoliceEnv>(async (c, next) => {
	if (passkeyMissing(c.get('factor'), c.env)) {
		const owned = await listPasskeys(c.env.DB, c.get('user').id);
		if (owned.length > 0)
			throw new ApiError('passkey_required', 'Sign in with one of your passkeys to add or remove passkeys.');
	}
	await next();
});

export const passkeys = new Hono<PoliceEnv>()
	.post('/sign-in/options', jsonBody(emptySchema), async (c) => {
		const { rpID } = relyingParty(c);
		await throttleSignIn(c.env, await hashedClientAddress(c));
		// No allow-list: discoverable credentials let the officer sign in without typing a username.
		const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
		await startCeremony(c, 'sign_in', options.challenge, null);
		return c.json(options);
	})
	.post('/sign-in', jsonBody(passkeySignInSchema), async (c) => {
		const { rpID, origin } = relyingParty(c);
		const address = await hashedClientAddress(c);
		await throttleSignIn(c.env, address);
		const { challenge } = await finishCeremony(c, 'sign_in');
		const response = c.get('body').credential as AuthenticationResponseJSON; // shape checked by the schema
		const passkey = await findPasskey(c.env.DB, response.id);
		const user = passkey ? await findUserById(c.env.DB, passkey.userId) : null;
		let verified = false;
		let newCounter = 0;
		if (passkey && user && !user.disabled) {
			try {
				const result = await verifyAuthenticationResponse({
					response,
					expectedChallenge: challenge,
					expectedOrigin: origin,
					expectedRPID: rpID,
					requireUserVerification: true,
					credential: {
						id: passkey.id,
						publicKey: passkey.publicKey,
						counter: passkey.counter,
						transports: passkey.transports
					}
				});
				verified = result.verified;
				newCounter = result.authenticationInfo.newCounter;
			} catch {
				// A bad signature, origin or counter: the same answer as an unknown passkey.
			}
		}
		// The counter only moves forward: a second use with the same counter (a cloned authenticator, or a
		// replay racing the first) loses here, after the signature check passed.
		const counted =
			passkey && user && verified
				? (await passkeyUsedStatement(c.env.DB, passkey.id, newCounter, new Date()).run()).meta.changes > 0
				: false;
		if (!passkey || !user || !counted) {
			await signInFailed(c.env, address, user?.username ?? null, 'passkey', user?.id ?? null);
			throw new ApiError('unauthenticated', NOT_RECOGNISED);
		}
		await openSession(c, user, 'passkey', address);
		return c.json({ user: { id: user.id, username: user.username, role: user.role } });
	})
	.use(requireRole('officer'))
	.get('/', async (c) => c.json({ passkeys: (await listPasskeys(c.env.DB, c.get('user').id)).map(summary) }))
	.use('/register/*', passkeyToChangePasskeys)
	.use('/:id', passkeyToChangePasskeys)
	.post('/register/options', jsonBody(emptySchema), async (c) => {
		const { rpID } = relyingParty(c);
		const user = c.get('user');
		const existing = await listPasskeys(c.env.DB, user.id);
		const options = await generateRegistrationOptions({
			rpName: RP_NAME,
			rpID,
			userName: user.username,
			userDisplayName: user.displayName,
			userID: new TextEncoder().encode(user.id),
			attestationType: 'none',
			excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
			authenticatorSelection: { residentKey: 'required', userVerification: 'required' }
		});
		await startCeremony(c, 'register', options.challenge, user.id);
		return c.json(options);
	})
	.post('/register', jsonBody(passkeyRegisterSchema), async (c) => {
		const { rpID, origin } = relyingParty(c);
		const user = c.get('user');
		const { challenge, userId } = await finishCeremony(c, 'register');
		if (userId !== user.id) throw new ApiError('passkey_failed', 'The passkey request expired. Start again.');
		const { name, credential } = c.get('body');
		let result;
		try {
			result = await verifyRegistrationResponse({
				response: credential as RegistrationResponseJSON, // shape checked by the schema
				expectedChallenge: challenge,
				expectedOrigin: origin,
				expectedRPID: rpID,
				requireUserVerification: true
			});
		} catch (error) {
			// The library's reason (e.g. the origin it expected) helps an attacker more than the officer.
			console.warn('passkey registration refused', (error as Error).message);
			throw new ApiError('passkey_failed', 'The passkey could not be checked. Try again.');
		}
		if (!result.verified) throw new ApiError('passkey_failed', 'The passkey could not be checked.');
		const { credential: created } = result.registrationInfo;
		const passkey = {
			id: created.id,
			userId: user.id,
			publicKey: created.publicKey,
			counter: created.counter,
			transports: created.transports ?? [],
			name,
			createdAt: new Date().toISOString()
		};
		// excludeCredentials keeps an authenticator from registering twice; this answers one that ignores it.
		if (await findPasskey(c.env.DB, passkey.id))
			throw new ApiError('conflict', 'This passkey is already registered.');
		await withAudit(c.env, await actorEntry(c, 'passkey_register', null, { name }), [
			insertPasskeyStatement(c.env.DB, passkey)
		]);
		return c.json(summary({ ...passkey, lastUsedAt: null }), 201);
	})
	.delete('/:id', async (c) => {
		const user = c.get('user');
		const [deleted] = await withAudit(c.env, await actorEntry(c, 'passkey_delete'), [
			deletePasskeyStatement(c.env.DB, c.req.param('id'), user.id)
		]);
		if (!deleted || deleted.meta.changes === 0) throw new ApiError('not_found', 'There is no such passkey.');
		return c.body(null, 204);
	});
