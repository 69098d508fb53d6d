import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { hostCanUsePasskeys, type PasskeySummary } from '../schemas/passkeys';
import { policeApi, type PoliceUser } from './api';

export type { PasskeySummary };

export { hostCanUsePasskeys };

export function passkeysSupported(): boolean {
	return browserSupportsWebAuthn() && hostCanUsePasskeys(location.hostname);
}

/** The same page on localhost, where a passkey can be used. */
export function passkeyFriendlyUrl(url: URL): string {
	const copy = new URL(url);
	copy.hostname = 'localhost';
	return copy.href;
}

export async function signInWithPasskey(): Promise<PoliceUser> {
	const optionsJSON = await policeApi<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
		'POST',
		'/api/auth/passkeys/sign-in/options',
		{}
	);
	const credential = await startAuthentication({ optionsJSON });
	return (await policeApi<{ user: PoliceUser }>('POST', '/api/auth/passkeys/sign-in', { credential })).user;
}

export async function registerPasskey(name: string): Promise<PasskeySummary> {
	const optionsJSON = await policeApi<Parameters<typeof startRegistration>[0]['optionsJSON']>(
		'POST',
		'/api/auth/passkeys/register/options',
		{}
	);
	const credential = await startRegistration({ optionsJSON });
	return policeApi<PasskeySummary>('POST', '/api/auth/passkeys/register', { name, credential });
}

export async function listPasskeys(): Promise<PasskeySummary[]> {
	return (await policeApi<{ passkeys: PasskeySummary[] }>('GET', '/api/auth/passkeys')).passkeys;
}

export function removePasskey(id: string): Promise<void> {
	return policeApi('DELETE', `/api/auth/passkeys/${encodeURIComponent(id)}`);
}

/** A user cancelling the browser's dialog is not an error worth shouting about. */
export function wasCancelled(error: unknown): boolean {
	return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}
