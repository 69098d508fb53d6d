import { z } from 'zod';
import { textSchema } from './common';

/**
 * The JSON forms of a WebAuthn credential as @simplewebauthn/browser sends them. Only their shape is checked
 * here; the signatures and challenge are checked by @simplewebauthn/server.
 */
const base64url = z
	.string()
	.regex(/^[A-Za-z0-9_-]+$/, 'Expected base64url.')
	.max(16_384);

const common = {
	id: base64url.max(1024),
	rawId: base64url.max(1024),
	type: z.literal('public-key'),
	clientExtensionResults: z.looseObject({}),
	authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional()
};

export const registrationResponseSchema = z.object({
	...common,
	response: z.object({
		clientDataJSON: base64url,
		attestationObject: base64url,
		authenticatorData: base64url.optional(),
		transports: z.array(z.string().max(32)).max(8).optional(),
		publicKeyAlgorithm: z.number().int().optional(),
		publicKey: base64url.optional()
	})
});

export const authenticationResponseSchema = z.object({
	...common,
	response: z.object({
		clientDataJSON: base64url,
		authenticatorData: base64url,
		signature: base64url,
		userHandle: base64url.optional()
	})
});

export const passkeyRegisterSchema = z.object({
	name: textSchema().min(1).max(64).default('Passkey'),
	credential: registrationResponseSchema
});

export const passkeySignInSchema = z.object({ credential: authenticationResponseSchema });

/** WebAuthn refuses an IP address (v4 or v6) as relying party: such a host cannot use passkeys at all. */
export function hostCanUsePasskeys(hostname: string): boolean {
	return !/^[\d.]+$/.test(hostname) && !hostname.includes(':');
}

export interface PasskeySummary {
	id: string;
	name: string;
	createdAt: string;
	lastUsedAt: string | null;
}
